import { apolloClient } from '@/api/client';
import type { UploadTicket } from '@/components/FileUpload.vue';
import {
  CREATE_WORKFORCE_UPLOAD_TICKET,
  type WorkforceFilePurpose,
  type WorkforceUploadTicket,
} from '@/graphql/workforce';

/** FileUpload's `ticket` for a workforce file: a fresh signed upload URL each time it is called. */
export const workforceUploadTicket = (purpose: WorkforceFilePurpose) => async (): Promise<UploadTicket> => {
  const { data } = await apolloClient.mutate<{ createWorkforceUploadTicket: WorkforceUploadTicket }>({
    mutation: CREATE_WORKFORCE_UPLOAD_TICKET,
    variables: { purpose },
  });
  if (!data) throw new Error('createWorkforceUploadTicket returned no data');
  return data.createWorkforceUploadTicket;
};

/** What the file chooser offers per purpose (the server decides by content). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png';
export const CONTRACT_ACCEPT = 'application/pdf,image/jpeg,image/png';

/** The limits people are told next to the control (the server enforces them by content). */
export const PHOTO_HINT = 'JPEG 或 PNG 图片，不超过 2 MB，边长 100–6000 像素';
export const CONTRACT_HINT = 'PDF、JPEG 或 PNG，不超过 10 MB';
