import { Permission } from '@hs/kit';

/** The workforce subgraph's permission codes (1.2, 3.3, 4.3), defined with all the others in the kit. */
export const WorkforcePermission = {
  PERSON_VIEW: Permission.WORKFORCE_PERSON_VIEW,
  PERSON_EDIT: Permission.WORKFORCE_PERSON_EDIT,
  PERSON_SENSITIVE: Permission.WORKFORCE_PERSON_SENSITIVE,
  SITE_EDIT: Permission.WORKFORCE_SITE_EDIT,
  ATTENDANCE_VIEW: Permission.WORKFORCE_ATTENDANCE_VIEW,
  ATTENDANCE_CHECKIN: Permission.WORKFORCE_ATTENDANCE_CHECKIN,
  ATTENDANCE_INGEST: Permission.WORKFORCE_ATTENDANCE_INGEST,
  ANALYTICS_VIEW: Permission.WORKFORCE_ANALYTICS_VIEW,
  INSURANCE_VIEW: Permission.WORKFORCE_INSURANCE_VIEW,
} as const;
