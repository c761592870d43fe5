import { Permission } from '@hs/kit';

/** The supervision subgraph's permission codes (3.2.1), defined with all the others in the kit. */
export const SupervisionPermission = {
  VIEW: Permission.SUPERVISION_VIEW,
  MANAGE: Permission.SUPERVISION_MANAGE,
} as const;
