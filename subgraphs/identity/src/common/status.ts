import { registerEnumType } from 'type-graphql';

/** 启用 / 停用: for users, departments and roles alike. */
export enum EnableStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

registerEnumType(EnableStatus, {
  name: 'EnableStatus',
  description: '启用状态',
  valuesConfig: { ACTIVE: { description: '启用' }, DISABLED: { description: '停用' } },
});

export const ENABLE_STATUS_LABELS: Record<EnableStatus, string> = { ACTIVE: '启用', DISABLED: '停用' };
