import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MultiLine } from '@hs/kit';

export enum ImportanceClass {
  A = 'A',
  B = 'B',
  C = 'C',
}

registerEnumType(ImportanceClass, {
  name: 'FireImportance',
  description: '检查内容重要程度（GA 836-2016）',
  valuesConfig: {
    A: { description: 'A类（关键项目）' },
    B: { description: 'B类（主要项目）' },
    C: { description: 'C类（一般项目）' },
  },
});

@ObjectType('FireCatalogueLine', { description: '检查内容' })
export class CatalogueLineType {
  @Field(() => String, { description: '编码 NN.SS.LL' })
  code!: string;

  @Field(() => String)
  content!: string;

  @Field(() => ImportanceClass)
  importance!: ImportanceClass;
}

@ObjectType('FireCatalogueSubItem', { description: '子项' })
export class CatalogueSubItemType {
  @Field(() => String, { description: '编码 NN.SS' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [CatalogueLineType])
  lines!: CatalogueLineType[];
}

@ObjectType('FireCatalogueItem', { description: '检查项目（十八项之一）' })
export class CatalogueItemType {
  @Field(() => String, { description: '编码 01–18' })
  code!: string;

  @Field(() => Int, { description: '序号 1–18' })
  no!: number;

  @Field(() => String)
  name!: string;

  @Field(() => [CatalogueSubItemType])
  subItems!: CatalogueSubItemType[];
}

@InputType('FireCatalogueLineInput')
export class CatalogueLineInput {
  @Field(() => String, { nullable: true, description: '已有检查内容的编码；新增时不填（自动编号）' })
  code?: string | null;

  @MultiLine()
  @Field(() => String)
  content!: string;

  @Field(() => ImportanceClass)
  importance!: ImportanceClass;
}

@InputType('FireCatalogueSubItemInput')
export class CatalogueSubItemInput {
  @Field(() => String, { nullable: true, description: '已有子项的编码；新增时不填（自动编号）' })
  code?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => [CatalogueLineInput])
  lines!: CatalogueLineInput[];
}

@InputType('FireCatalogueItemInput', { description: '整体替换一个检查项目的名称、子项和检查内容（仅草稿版本）' })
export class CatalogueItemInput {
  @Field(() => String)
  name!: string;

  @Field(() => [CatalogueSubItemInput])
  subItems!: CatalogueSubItemInput[];
}
