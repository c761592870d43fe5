import { Permission } from '@hs/kit';

/** The fire subgraph's permission codes (1.3, 4.2), defined with all the others in the kit. */
export const FirePermission = {
  INSPECTION_VIEW: Permission.FIRE_INSPECTION_VIEW,
  INSPECTION_EDIT: Permission.FIRE_INSPECTION_EDIT,
  INSPECTION_SENSITIVE: Permission.FIRE_INSPECTION_SENSITIVE,
  CATALOGUE_EDIT: Permission.FIRE_CATALOGUE_EDIT,
  PLAN_SIGN: Permission.FIRE_PLAN_SIGN,
  RESULT_RECORD: Permission.FIRE_RESULT_RECORD,
  ANALYTICS_VIEW: Permission.FIRE_ANALYTICS_VIEW,
} as const;
