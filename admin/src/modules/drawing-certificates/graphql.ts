import { gql } from '@apollo/client/core';
import { DOWNLOAD_LINK_FIELDS } from '@/graphql/lists';

/** 1.1 施工图联合审查合格书: the documents, types and labels of this module. */

export type CertificateStatus = 'CURRENT' | 'SUPERSEDED' | 'REVOKED';
export type Conclusion = 'QUALIFIED' | 'QUALIFIED_AFTER_REVISION' | 'UNQUALIFIED';

export const DISCIPLINE_LABELS: Record<string, string> = {
  ARCHITECTURE: '建筑',
  STRUCTURE: '结构',
  PLUMBING: '给排水',
  HVAC: '暖通',
  ELECTRICAL: '电气',
  FIRE: '消防',
  CIVIL_AIR_DEFENCE: '人防',
  ENERGY_SAVING: '节能',
  SURVEY: '勘察',
  LANDSCAPE: '景观',
  INTELLIGENT: '智能化',
  MUNICIPAL: '市政',
};
export const CONCLUSION_LABELS: Record<Conclusion, string> = {
  QUALIFIED: '合格',
  QUALIFIED_AFTER_REVISION: '修改后合格',
  UNQUALIFIED: '不合格',
};
export const STATUS_LABELS: Record<CertificateStatus, string> = {
  CURRENT: '有效',
  SUPERSEDED: '已换发',
  REVOKED: '已撤销',
};
export const STATUS_TAGS: Record<CertificateStatus, 'success' | 'info' | 'danger'> = {
  CURRENT: 'success',
  SUPERSEDED: 'info',
  REVOKED: 'danger',
};

export interface CertificateFile {
  sha256: string;
  mimeType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
}

export interface CertificateVersion {
  id: string;
  chainId: string;
  version: number;
  latest: boolean;
  status: CertificateStatus;
  certificateNo: string;
  reviewAgency: string;
  reviewAgencyCreditCode: string | null;
  reviewDate: string;
  disciplines: string[];
  conclusion: Conclusion;
  validFrom: string | null;
  validUntil: string | null;
  reissueReason: string | null;
  supersededAt: string | null;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  createdByName: string | null;
  createdAt: string;
  file: CertificateFile;
}

export interface Certificate extends CertificateVersion {
  project: { id: string; name: string; district: { code: string; name: string } };
  versions: CertificateVersion[];
}

export type PushEvent = 'ISSUED' | 'REISSUED' | 'REVOKED';
export type ReportState = 'PENDING' | 'SENT' | 'DEAD';
export const PUSH_EVENT_LABELS: Record<PushEvent, string> = { ISSUED: '发证', REISSUED: '换发', REVOKED: '撤销' };
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  PENDING: '待上报',
  SENT: '已上报',
  DEAD: '上报失败',
};
export const REPORT_STATE_TAGS: Record<ReportState, 'warning' | 'success' | 'danger'> = {
  PENDING: 'warning',
  SENT: 'success',
  DEAD: 'danger',
};

/** 上报省平台: one event of a version sent to 省建筑市场监督与诚信一体化平台. */
export interface ProvincialReport {
  event: PushEvent;
  state: ReportState;
  receiptId: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ShareRow {
  id: string;
  action: 'VIEW' | 'DOWNLOAD';
  version: number;
  userName: string;
  at: string;
  department: { id: string; name: string } | null;
}

const VERSION_FIELDS = gql`
  fragment DrawingReviewVersionFields on DrawingReviewCertificate {
    id
    chainId
    version
    latest
    status
    certificateNo
    reviewAgency
    reviewAgencyCreditCode
    reviewDate
    disciplines
    conclusion
    validFrom
    validUntil
    reissueReason
    supersededAt
    revokedAt
    revokedByName
    revokeReason
    createdByName
    createdAt
    file {
      sha256
      mimeType
      byteSize
      width
      height
    }
  }
`;

const CERTIFICATE_FIELDS = gql`
  fragment DrawingReviewCertificateFields on DrawingReviewCertificate {
    ...DrawingReviewVersionFields
    project {
      id
      name
      district {
        code
        name
      }
    }
    versions {
      ...DrawingReviewVersionFields
    }
  }
  ${VERSION_FIELDS}
`;

export const DRAWING_REVIEW_CERTIFICATES = gql`
  query DrawingReviewCertificates(
    $filter: DrawingReviewCertificateFilter
    $page: PageInput
    $sort: DrawingReviewCertificateSort
  ) {
    drawingReviewCertificates(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...DrawingReviewCertificateFields
      }
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const PROJECT_CERTIFICATES = gql`
  query ProjectDrawingReviewCertificates($id: ID!) {
    project(id: $id) {
      id
      drawingReviewCertificates {
        ...DrawingReviewCertificateFields
      }
    }
  }
  ${CERTIFICATE_FIELDS}
`;

const REPORT_FIELDS = `
  provincialReports {
    event
    state
    receiptId
    attempts
    lastError
    nextAttemptAt
    createdAt
    sentAt
  }
`;

/** The detail: reading it is what the share log calls 查看. With each version's 上报省平台 state. */
export const CERTIFICATE_DETAIL = gql`
  query DrawingReviewCertificate($id: ID!, $withLog: Boolean!) {
    drawingReviewCertificate(id: $id) {
      ...DrawingReviewCertificateFields
      ${REPORT_FIELDS}
      versions {
        id
        ${REPORT_FIELDS}
      }
      shareLog(page: { pageSize: 50 }) @include(if: $withLog) {
        total
        items {
          id
          action
          version
          userName
          at
          department {
            id
            name
          }
        }
      }
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const CREATE_UPLOAD_TICKET = gql`
  mutation CreateDrawingReviewUploadTicket {
    createDrawingReviewUploadTicket {
      url
      expiresAt
      maxBytes
      acceptedTypes
    }
  }
`;

export const ADD_CERTIFICATE = gql`
  mutation AddDrawingReviewCertificate($input: AddDrawingReviewCertificateInput!) {
    addDrawingReviewCertificate(input: $input) {
      ...DrawingReviewCertificateFields
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const REISSUE_CERTIFICATE = gql`
  mutation ReissueDrawingReviewCertificate($id: ID!, $input: ReissueDrawingReviewCertificateInput!) {
    reissueDrawingReviewCertificate(id: $id, input: $input) {
      ...DrawingReviewCertificateFields
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const REVOKE_CERTIFICATE = gql`
  mutation RevokeDrawingReviewCertificate($id: ID!, $reason: String!) {
    revokeDrawingReviewCertificate(id: $id, reason: $reason) {
      ...DrawingReviewCertificateFields
    }
  }
  ${CERTIFICATE_FIELDS}
`;

export const DOWNLOAD_CERTIFICATE = gql`
  mutation DownloadDrawingReviewCertificate($id: ID!) {
    downloadDrawingReviewCertificate(id: $id) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const EXPORT_CERTIFICATES = gql`
  mutation ExportDrawingReviewCertificates(
    $filter: DrawingReviewCertificateFilter
    $sort: DrawingReviewCertificateSort
    $ids: [ID!]
  ) {
    exportDrawingReviewCertificates(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;
