import { gql } from '@apollo/client/core';
import { DOWNLOAD_LINK_FIELDS } from '@/graphql/lists';

/** 质量安全监督 (3.2.1): the documents, shapes and labels of this module. */

export type InspectionType = 'QUALITY' | 'SAFETY';
export type RectificationStatus = 'NOT_RECTIFIED' | 'RECTIFIED' | 'OVERDUE' | 'REVIEWED';

export const TYPE_LABELS: Record<InspectionType, string> = { QUALITY: '质量', SAFETY: '安全' };
export const RECTIFICATION_LABELS: Record<RectificationStatus, string> = {
  NOT_RECTIFIED: '未整改',
  RECTIFIED: '整改完成',
  OVERDUE: '逾期未整改',
  REVIEWED: '复查合格',
};
export const RECTIFICATION_TAGS: Record<RectificationStatus, 'danger' | 'warning' | 'success' | 'info'> = {
  NOT_RECTIFIED: 'warning',
  RECTIFIED: 'info',
  OVERDUE: 'danger',
  REVIEWED: 'success',
};
/** Element Plus tag colours of the risk colours the hazard levels carry (红/橙/黄/蓝). */
export const COLOR_TAGS: Record<string, 'danger' | 'warning' | 'primary' | 'info'> = {
  红: 'danger',
  橙: 'warning',
  黄: 'warning',
  蓝: 'primary',
};

export interface HazardLevel {
  level: number;
  name: string;
  color: string;
}
export interface Outcome {
  code: string;
  name: string;
}
export interface Problem {
  id: string;
  seq: number;
  description: string;
  hazardSourceType: string;
  level: HazardLevel;
  outcome: Outcome;
  deadline: string | null;
  rectificationStatus: RectificationStatus;
  rectifiedOn: string | null;
  reviewedOn: string | null;
}
export interface Inspection {
  id: string;
  inspectedOn: string;
  type: InspectionType;
  projectId: string | null;
  projectName: string | null;
  projectCode: string;
  permitCode: string | null;
  districtCode: string | null;
  linked: boolean;
  inspectors: string[];
  outcome: Outcome;
  maxRiskLevelInfo: HazardLevel | null;
  problemCount: number;
  openCount: number;
  openDeadline: string | null;
  overdue: boolean;
  provenance: { sourceSystem: string; sourceId: string; fetchedAt: string };
}

const INSPECTION_FIELDS = gql`
  fragment SupervisionInspectionFields on SupervisionInspection {
    id
    inspectedOn
    type
    projectId
    projectName
    projectCode
    permitCode
    districtCode
    linked
    inspectors
    outcome {
      code
      name
    }
    maxRiskLevelInfo {
      level
      name
      color
    }
    problemCount
    openCount
    openDeadline
    overdue
    provenance {
      sourceSystem
      sourceId
      fetchedAt
    }
  }
`;

export const SUPERVISION_INSPECTIONS = gql`
  query SupervisionInspections(
    $filter: SupervisionInspectionFilter
    $page: PageInput
    $sort: SupervisionInspectionSort
  ) {
    supervisionInspections(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...SupervisionInspectionFields
      }
    }
  }
  ${INSPECTION_FIELDS}
`;

export const SUPERVISION_INSPECTION = gql`
  query SupervisionInspection($id: ID!) {
    supervisionInspection(id: $id) {
      ...SupervisionInspectionFields
      problems {
        id
        seq
        description
        hazardSourceType
        level {
          level
          name
          color
        }
        outcome {
          code
          name
        }
        deadline
        rectificationStatus
        rectifiedOn
        reviewedOn
      }
    }
  }
  ${INSPECTION_FIELDS}
`;

export const SUPERVISION_DICTIONARIES = gql`
  query SupervisionDictionaries {
    supervisionOutcomes {
      code
      name
    }
    supervisionHazardLevels {
      level
      name
      color
    }
  }
`;

export const EXPORT_SUPERVISION_INSPECTIONS = gql`
  mutation ExportSupervisionInspections(
    $filter: SupervisionInspectionFilter
    $sort: SupervisionInspectionSort
    $ids: [ID!]
  ) {
    exportSupervisionInspections(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;
