import { ElMessage } from 'element-plus';
import { apolloClient } from '@/api/client';
import { errorMessage } from '@/api/errors';
import type { UploadTicket } from '@/components/FileUpload.vue';
import type { DownloadLink } from '@/components/list/types';
import { openDownload } from '@/utils/download';
import { CREATE_UPLOAD_TICKET, DOWNLOAD_CERTIFICATE } from './graphql';

/** FileUpload's `ticket`: a fresh signed upload URL each time. */
export async function certificateUploadTicket(): Promise<UploadTicket> {
  const { data } = await apolloClient.mutate<{ createDrawingReviewUploadTicket: UploadTicket }>({
    mutation: CREATE_UPLOAD_TICKET,
  });
  if (!data) throw new Error('createDrawingReviewUploadTicket returned no data');
  return data.createDrawingReviewUploadTicket;
}

export const CERTIFICATE_ACCEPT = 'application/pdf,image/jpeg,image/png';
export const CERTIFICATE_HINT = 'PDF、JPEG 或 PNG，不超过 10 MB；图片短边不少于 300 像素';

/** Asks for a download link (the server records the download in the share log) and opens it. */
export async function downloadCertificate(id: string): Promise<void> {
  try {
    const { data } = await apolloClient.mutate<{ downloadDrawingReviewCertificate: DownloadLink }>({
      mutation: DOWNLOAD_CERTIFICATE,
      variables: { id },
    });
    if (data) openDownload(data.downloadDrawingReviewCertificate);
  } catch (e) {
    ElMessage.error(errorMessage(e, '下载失败'));
  }
}

/** 2028-05-17, 长期有效, or from–until. */
export function validityText(c: { reviewDate: string; validFrom: string | null; validUntil: string | null }): string {
  if (!c.validUntil) return '长期有效';
  return `${c.validFrom ?? c.reviewDate} 至 ${c.validUntil}`;
}
