import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum DeviceKind {
  FACE = 'FACE',
  GATE = 'GATE',
  CARD = 'CARD',
}
registerEnumType(DeviceKind, {
  name: 'WorkforceDeviceKind',
  description: '考勤设备类型',
  valuesConfig: {
    FACE: { description: '人脸识别考勤机' },
    GATE: { description: '闸机' },
    CARD: { description: '刷卡机' },
  },
});

/**
 * 考勤设备 (1.2.2), registered per project. The device gateway uploads batches naming the device;
 * the device's project is where the events happened. (The FK to project_site is in the migration.)
 */
@Entity({ tableName: 'device' })
@ObjectType('WorkforceDevice', { description: '考勤设备' })
export class Device {
  [OptionalProps]?: 'enabled' | 'lastSeenAt' | 'createdAt';

  @Field(() => ID, { description: '唯一标识' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { description: '所在工程项目 id' })
  @Index({ name: 'device_project_id_idx' })
  @Property({ type: 'uuid' })
  projectId!: string;

  @Field(() => String, { description: '设备序列号（唯一）' })
  @Unique({ name: 'device_serial_no_key' })
  @Property({ type: 'string', length: 64 })
  serialNo!: string;

  @Field(() => String, { description: '设备名称（如 1号门人脸机）' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => DeviceKind, { description: '设备类型' })
  @Enum({ items: () => DeviceKind })
  kind!: DeviceKind;

  @Field(() => Boolean, { description: '是否启用；停用的设备上传的数据被拒绝' })
  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Field(() => Date, { nullable: true, description: '最近一次上传时间' })
  @Property({ type: 'datetime', nullable: true })
  lastSeenAt: Date | null = null;

  @Field(() => Date, { description: '创建时间' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
