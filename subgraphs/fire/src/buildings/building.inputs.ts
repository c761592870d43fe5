import { Field, Float, InputType, Int } from 'type-graphql';
import { MultiLine } from '@hs/kit';

@InputType('FireBuildingInput', { description: '楼栋及其消防基本信息（1.3.3）；楼层按层数自动生成' })
export class FireBuildingInput {
  @Field(() => String, { description: '楼栋名称，如 1#楼' })
  name!: string;

  @Field(() => Int, { nullable: true, description: '排列顺序（默认排在最后）' })
  position?: number | null;

  @Field(() => Int, { description: '地上层数' })
  aboveGroundFloors!: number;

  @Field(() => Int, { nullable: true, description: '地下层数（默认 0）' })
  belowGroundFloors?: number | null;

  @Field(() => Boolean, { nullable: true, description: '是否有屋面（默认：有地上楼层时有，只有地下室时没有）' })
  hasRoof?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      '是否设有消防电梯；不填为未填写。可能需要设置消防电梯的楼栋（高度大于 24 米等）须填写后才能生成抽查方案',
  })
  hasFireLift?: boolean | null;

  @Field(() => String, { nullable: true, description: '建筑类别' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: '耐火等级' })
  fireResistanceRating?: string | null;

  @Field(() => String, { nullable: true, description: '结构类型' })
  structure?: string | null;

  @Field(() => Float, { nullable: true, description: '建筑高度（米）' })
  height?: number | null;

  @Field(() => Float, { nullable: true, description: '建筑面积（平方米）' })
  area?: number | null;

  @Field(() => String, { nullable: true, description: '使用性质' })
  useNature?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: '适用的检查项目编码（如 "09" 消防电梯、"18" 气体灭火）；不填按抽查规则默认',
  })
  items?: string[] | null;

  @MultiLine()
  @Field(() => String, { nullable: true, description: '其他说明' })
  remarks?: string | null;
}

@InputType('FireFloorInput', { description: '修改楼层消防基本信息（只修改传入的字段）' })
export class FireFloorInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '使用功能' })
  useNature?: string | null;

  @Field(() => Float, { nullable: true })
  area?: number | null;

  @Field(() => [String], { nullable: true, description: '本层适用的检查项目编码；null 表示继承楼栋' })
  items?: string[] | null;

  @MultiLine()
  @Field(() => String, { nullable: true })
  remarks?: string | null;
}
