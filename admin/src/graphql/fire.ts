import { gql } from '@apollo/client/core';
import { DOWNLOAD_LINK_FIELDS } from './lists';

/** 消防验收现场评定随机抽查 (1.3, 4.2): what the admin reads from and sends to the fire subgraph. */

export type FireCategory = 'NEW' | 'EXTENSION' | 'RENOVATION';
export type FireStatus = 'DRAFT' | 'PLAN_PENDING' | 'PLAN_CONFIRMED' | 'RECORDING' | 'RECORDED' | 'SIGNING' | 'SEALED';
export type FireVerdict = 'PASS' | 'FAIL';
export type FireImportance = 'A' | 'B' | 'C';
export type FireExportFormat = 'XLSX' | 'DOCX';

export const CATEGORY_OPTIONS: { value: FireCategory; label: string }[] = [
  { value: 'NEW', label: '新建' },
  { value: 'EXTENSION', label: '扩建' },
  { value: 'RENOVATION', label: '改建' },
];

export const STATUS_OPTIONS: {
  value: FireStatus;
  label: string;
  tag: 'info' | 'warning' | 'primary' | 'success' | 'danger';
}[] = [
  { value: 'DRAFT', label: '待生成方案', tag: 'info' },
  { value: 'PLAN_PENDING', label: '方案待签名', tag: 'warning' },
  { value: 'PLAN_CONFIRMED', label: '方案已确认', tag: 'primary' },
  { value: 'RECORDING', label: '现场检查中', tag: 'primary' },
  { value: 'RECORDED', label: '待五方签名', tag: 'warning' },
  { value: 'SIGNING', label: '五方签名中', tag: 'warning' },
  { value: 'SEALED', label: '已封存', tag: 'success' },
];
export const statusTag = (s: FireStatus) => STATUS_OPTIONS.find((o) => o.value === s)?.tag ?? 'info';
/** The short label for tags in lists (the graph's statusLabel is the full sentence). */
export const statusShort = (s: FireStatus) => STATUS_OPTIONS.find((o) => o.value === s)?.label ?? s;

export const IMPORTANCE_LABELS: Record<FireImportance, string> = {
  A: 'A类（关键）',
  B: 'B类（主要）',
  C: 'C类（一般）',
};
export const IMPORTANCE_TAGS: Record<FireImportance, 'danger' | 'warning' | 'info'> = {
  A: 'danger',
  B: 'warning',
  C: 'info',
};

export const REASON_LABELS: Record<string, string> = {
  MANDATORY: '必查',
  ALL_REMAINING: '全查',
  RANDOM: '随机抽取',
  ALWAYS: '全部检查',
  EXTRA: '现场新增',
};

export const UNIT_ROLE_OPTIONS = [
  { value: 'BUILDER', label: '建设单位' },
  { value: 'DESIGNER', label: '设计单位' },
  { value: 'GENERAL_CONTRACTOR', label: '施工总包单位' },
  { value: 'FIRE_CONTRACTOR', label: '消防施工单位' },
  { value: 'SUPERVISOR', label: '监理单位' },
  { value: 'FIRE_TESTING', label: '消防检测机构单位' },
] as const;

export const DEFAULT_PLAN_CONFIRMATION = '上述抽查部位与数量，由系统随机生成，我已见证，确认无误';

export interface FireInspectionRow {
  id: string;
  projectId: string | null;
  projectName: string;
  districtCode: string;
  districtName: string;
  builderUnit: string | null;
  designUnit: string | null;
  generalContractorUnit: string | null;
  fireContractorUnit: string | null;
  supervisorUnit: string | null;
  fireTestingUnit: string | null;
  leaderName: string;
  address: string;
  category: FireCategory;
  categoryLabel: string;
  inspectionDate: string | null;
  status: FireStatus;
  statusLabel: string;
  sealedAt: string | null;
  updatedAt: string;
  /** Only a never-planned inspection can be deleted. */
  plans: { id: string }[];
}

export interface FireFloor {
  id: string;
  kind: 'BASEMENT' | 'ABOVE' | 'ROOF';
  level: number;
  name: string;
  useNature: string | null;
  area: number | null;
  items: string[] | null;
  remarks: string | null;
}

export interface FireBuilding {
  id: string;
  name: string;
  position: number;
  category: string | null;
  fireResistanceRating: string | null;
  structure: string | null;
  height: number | null;
  area: number | null;
  useNature: string | null;
  items: string[] | null;
  /** 是否设有消防电梯; null: not answered. */
  hasFireLift: boolean | null;
  /** Why the building must say whether it has a 消防电梯 before a plan is drawn, or null. */
  fireLiftQuestion: string | null;
  remarks: string | null;
  floors: FireFloor[];
}

export interface FireSignature {
  id: string;
  stage: 'PLAN' | 'RESULT';
  slot: number;
  party: string;
  partyLabel: string;
  signerName: string;
  agree: boolean;
  opinion: string | null;
  contentHash: string;
  recordHash: string;
  signedAt: string;
  imageDataUrl: string | null;
}

export interface FireSignatureBox {
  slot: number;
  party: string;
  label: string;
  confirmationText: string;
  signature: FireSignature | null;
}

export interface FirePlanLocation {
  key: string;
  label: string;
  kind: string;
  reason: string;
  mandatoryKinds: string[];
}

export interface FirePlanItem {
  code: string;
  no: number;
  name: string;
  applicable: boolean;
  granularity: string;
  candidateCount: number;
  mandatoryCount: number;
  remainderCount: number;
  randomDraw: boolean;
  locations: FirePlanLocation[];
  always: { code: string; label: string; locations: { key: string; label: string }[] }[];
}

export interface FirePlanCheck {
  subItemCode: string;
  subItemName: string;
  lineCode: string;
  content: string;
  importance: FireImportance;
  everywhere: boolean;
  locations: { key: string; label: string; reason: string }[];
}

export interface FirePlanSummary {
  id: string;
  seq: number;
  status: 'PENDING' | 'CONFIRMED' | 'VOID';
  seed: string;
  contentHash: string;
  mac: string | null;
  ruleVersion: number;
  catalogueVersion: number;
  catalogueDigest: string;
  createdAt: string;
  confirmedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  signatures: FireSignature[];
}

export interface FirePlan extends FirePlanSummary {
  items: FirePlanItem[];
  signatureBoxes: FireSignatureBox[];
  /** The rule the plan was drawn with, in words (the remaining floors pooled over the project). */
  ruleDescription: string[];
  hasRandomDraw: boolean;
  /** Set when nothing was drawn at random: a redraw after 不同意 gives the same locations. */
  redrawNote: string | null;
}

export interface FireItemProgress {
  itemCode: string;
  itemNo: number;
  itemName: string;
  applicable: boolean;
  required: number;
  recorded: number;
  failed: number;
  complete: boolean;
}

export interface FireInspection extends FireInspectionRow {
  siteLongitude: number | null;
  siteLatitude: number | null;
  leaderPhone: string | null;
  leaderIdCard: string | null;
  decoration: boolean;
  decorationDescription: string | null;
  changeOfUse: boolean;
  useNature: string | null;
  originalUse: string | null;
  resultsLockedAt: string | null;
  createdAt: string;
  project: { id: string; name: string; projectCode: string | null } | null;
  buildings: FireBuilding[];
  plans: FirePlanSummary[];
  currentPlan: { id: string; status: string } | null;
  progress: FireItemProgress[];
  resultSignatureBoxes: FireSignatureBox[];
}

export interface FireResult {
  id: string;
  itemCode: string;
  subItemCode: string;
  lineCode: string;
  importance: string;
  locationKey: string;
  locationLabel: string;
  extra: boolean;
  verdict: FireVerdict;
  note: string | null;
  recordedAt: string;
}

export interface FireExtraLocation {
  id: string;
  itemCode: string;
  locationKey: string;
  label: string;
  note: string | null;
  createdAt: string;
}

export interface FireCatalogueLine {
  code: string;
  content: string;
  importance: FireImportance;
}
export interface FireCatalogueSubItem {
  code: string;
  name: string;
  lines: FireCatalogueLine[];
}
export interface FireCatalogueItem {
  code: string;
  no: number;
  name: string;
  subItems: FireCatalogueSubItem[];
}
export interface FireCatalogueVersion {
  id: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  note: string | null;
  digest: string | null;
  createdAt: string;
  publishedAt: string | null;
  items: FireCatalogueItem[];
}

const ROW = gql`
  fragment FireInspectionRowFields on FireInspection {
    id
    projectId
    projectName
    districtCode
    districtName
    builderUnit
    designUnit
    generalContractorUnit
    fireContractorUnit
    supervisorUnit
    fireTestingUnit
    leaderName
    address
    category
    categoryLabel
    inspectionDate
    status
    statusLabel
    sealedAt
    updatedAt
  }
`;

const SIGNATURE = gql`
  fragment FireSignatureFields on FireSignature {
    id
    stage
    slot
    party
    partyLabel
    signerName
    agree
    opinion
    contentHash
    recordHash
    signedAt
    imageDataUrl
  }
`;

const PLAN_SUMMARY = gql`
  fragment FirePlanSummaryFields on FireSamplingPlan {
    id
    seq
    status
    seed
    contentHash
    mac
    ruleVersion
    catalogueVersion
    catalogueDigest
    createdAt
    confirmedAt
    voidedAt
    voidReason
    signatures {
      ...FireSignatureFields
    }
  }
  ${SIGNATURE}
`;

export const FIRE_INSPECTIONS = gql`
  query FireInspections($filter: FireInspectionFilter, $page: PageInput, $sort: FireInspectionSort) {
    fireInspections(filter: $filter, page: $page, sort: $sort) {
      items {
        ...FireInspectionRowFields
        createdAt
        plans {
          id
        }
      }
      total
      page
      pageSize
    }
  }
  ${ROW}
`;

export const FIRE_INSPECTION = gql`
  query FireInspection($id: ID!) {
    fireInspection(id: $id) {
      ...FireInspectionRowFields
      siteLongitude
      siteLatitude
      leaderPhone
      leaderIdCard
      decoration
      decorationDescription
      changeOfUse
      useNature
      originalUse
      resultsLockedAt
      createdAt
      project {
        id
        name
        projectCode
      }
      buildings {
        id
        name
        position
        category
        fireResistanceRating
        structure
        height
        area
        useNature
        items
        hasFireLift
        fireLiftQuestion
        remarks
        floors {
          id
          kind
          level
          name
          useNature
          area
          items
          remarks
        }
      }
      plans {
        ...FirePlanSummaryFields
      }
      currentPlan {
        id
        status
      }
      progress {
        itemCode
        itemNo
        itemName
        applicable
        required
        recorded
        failed
        complete
      }
      resultSignatureBoxes {
        slot
        party
        label
        confirmationText
        signature {
          ...FireSignatureFields
        }
      }
    }
  }
  ${ROW}
  ${PLAN_SUMMARY}
`;

export const FIRE_PLAN = gql`
  query FirePlan($id: ID!) {
    firePlan(id: $id) {
      ...FirePlanSummaryFields
      ruleDescription
      hasRandomDraw
      redrawNote
      items {
        code
        no
        name
        applicable
        granularity
        candidateCount
        mandatoryCount
        remainderCount
        randomDraw
        locations {
          key
          label
          kind
          reason
          mandatoryKinds
        }
        always {
          code
          label
          locations {
            key
            label
          }
        }
      }
      signatureBoxes {
        slot
        party
        label
        confirmationText
        signature {
          ...FireSignatureFields
        }
      }
    }
  }
  ${PLAN_SUMMARY}
`;

/** The check lines of one item of a plan (line × location): the results tab loads one item at a time. */
export const FIRE_PLAN_CHECKS = gql`
  query FirePlanChecks($id: ID!) {
    firePlan(id: $id) {
      id
      items {
        code
        checks {
          subItemCode
          subItemName
          lineCode
          content
          importance
          everywhere
          locations {
            key
            label
            reason
          }
        }
      }
    }
  }
`;

export const VERIFY_PLAN = gql`
  query VerifyFirePlan($planId: ID!) {
    verifyPlan(planId: $planId) {
      planId
      valid
      contentHash
      recomputedHash
      checks {
        name
        outcome
        message
      }
    }
  }
`;

export const FIRE_RESULTS = gql`
  query FireResults($id: ID!, $itemCode: String) {
    fireInspection(id: $id) {
      id
      results(itemCode: $itemCode) {
        id
        itemCode
        subItemCode
        lineCode
        importance
        locationKey
        locationLabel
        extra
        verdict
        note
        recordedAt
      }
      extraLocations {
        id
        itemCode
        locationKey
        label
        note
        createdAt
      }
    }
  }
`;

export const CREATE_FIRE_INSPECTION = gql`
  mutation CreateFireInspection($input: CreateFireInspectionInput!) {
    createFireInspection(input: $input) {
      id
    }
  }
`;

export const UPDATE_FIRE_INSPECTION = gql`
  mutation UpdateFireInspection($id: ID!, $input: UpdateFireInspectionInput!) {
    updateFireInspection(id: $id, input: $input) {
      id
    }
  }
`;

export const DELETE_FIRE_INSPECTION = gql`
  mutation DeleteFireInspection($id: ID!) {
    deleteFireInspection(id: $id)
  }
`;

export const ADD_FIRE_BUILDING = gql`
  mutation AddFireBuilding($inspectionId: ID!, $input: FireBuildingInput!) {
    addFireBuilding(inspectionId: $inspectionId, input: $input) {
      id
    }
  }
`;

export const UPDATE_FIRE_BUILDING = gql`
  mutation UpdateFireBuilding($id: ID!, $input: FireBuildingInput!) {
    updateFireBuilding(id: $id, input: $input) {
      id
    }
  }
`;

export const REMOVE_FIRE_BUILDING = gql`
  mutation RemoveFireBuilding($id: ID!) {
    removeFireBuilding(id: $id)
  }
`;

export const UPDATE_FIRE_FLOOR = gql`
  mutation UpdateFireFloor($id: ID!, $input: FireFloorInput!) {
    updateFireFloor(id: $id, input: $input) {
      id
    }
  }
`;

export const DRAW_FIRE_PLAN = gql`
  mutation DrawFirePlan($inspectionId: ID!) {
    drawFirePlan(inspectionId: $inspectionId) {
      id
      seq
    }
  }
`;

export const SIGN_FIRE_PLAN = gql`
  mutation SignFirePlan($planId: ID!, $input: FirePlanSignatureInput!) {
    signFirePlan(planId: $planId, input: $input) {
      signature {
        id
        slot
      }
      plan {
        id
        status
      }
      redrawnPlan {
        id
        seq
      }
    }
  }
`;

export const RECORD_FIRE_RESULTS = gql`
  mutation RecordFireResults($inspectionId: ID!, $results: [FireResultInput!]!) {
    recordFireResults(inspectionId: $inspectionId, results: $results) {
      results {
        id
      }
    }
  }
`;

export const ADD_FIRE_EXTRA_LOCATION = gql`
  mutation AddFireExtraLocation($inspectionId: ID!, $input: FireExtraLocationInput!) {
    addFireExtraLocation(inspectionId: $inspectionId, input: $input) {
      id
      locationKey
    }
  }
`;

export const SIGN_FIRE_RESULTS = gql`
  mutation SignFireResults($inspectionId: ID!, $input: FireResultSignatureInput!) {
    signFireResults(inspectionId: $inspectionId, input: $input) {
      sealed
      signature {
        id
      }
    }
  }
`;

/** The list's exports (ADR 0013): the filter or the selected ids, as a download link. */
export const EXPORT_FIRE_INSPECTIONS = gql`
  mutation ExportFireInspections(
    $filter: FireInspectionFilter
    $sort: FireInspectionSort
    $ids: [ID!]
    $format: FireExportFormat
  ) {
    exportFireInspections(filter: $filter, sort: $sort, ids: $ids, format: $format) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const EXPORT_FIRE_INSPECTION_RESULTS = gql`
  mutation ExportFireInspectionResults(
    $filter: FireInspectionFilter
    $sort: FireInspectionSort
    $ids: [ID!]
    $format: FireExportFormat
  ) {
    exportFireInspectionResults(filter: $filter, sort: $sort, ids: $ids, format: $format) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

/** 1.3.9 one inspection's record: a 5-minute download link (ADR 0013). */
export const EXPORT_FIRE_INSPECTION_RECORD = gql`
  mutation ExportFireInspectionRecord($format: FireExportFormat!, $id: ID!) {
    exportFireInspectionRecord(format: $format, id: $id) {
      url
      fileName
      expiresAt
      rowCount
    }
  }
`;

const CATALOGUE_FIELDS = gql`
  fragment FireCatalogueFields on FireCatalogueVersion {
    id
    version
    status
    note
    digest
    createdAt
    publishedAt
    items {
      code
      no
      name
      subItems {
        code
        name
        lines {
          code
          content
          importance
        }
      }
    }
  }
`;

export const FIRE_CATALOGUE_VERSIONS = gql`
  query FireCatalogueVersions {
    fireCatalogueVersions {
      ...FireCatalogueFields
    }
  }
  ${CATALOGUE_FIELDS}
`;

/** The current catalogue, for item names and filters elsewhere. */
export const FIRE_CATALOGUE = gql`
  query FireCatalogue {
    fireCatalogue {
      ...FireCatalogueFields
    }
  }
  ${CATALOGUE_FIELDS}
`;

export const CREATE_FIRE_CATALOGUE_DRAFT = gql`
  mutation CreateFireCatalogueDraft($note: String, $fromVersion: Int) {
    createFireCatalogueDraft(note: $note, fromVersion: $fromVersion) {
      id
      version
    }
  }
`;

export const UPDATE_FIRE_CATALOGUE_ITEM = gql`
  mutation UpdateFireCatalogueItem($versionId: ID!, $itemCode: String!, $input: FireCatalogueItemInput!) {
    updateFireCatalogueItem(versionId: $versionId, itemCode: $itemCode, input: $input) {
      id
    }
  }
`;

export const PUBLISH_FIRE_CATALOGUE_VERSION = gql`
  mutation PublishFireCatalogueVersion($versionId: ID!) {
    publishFireCatalogueVersion(versionId: $versionId) {
      id
      status
    }
  }
`;

export const FIRE_ANALYTICS = gql`
  query FireAnalytics(
    $filter: FireAnalyticsFilter
    $itemCode: String
    $months: Int!
    $by: FireBreakdownDimension!
    $unitRole: FireUnitRole
  ) {
    fireAnalytics(filter: $filter) {
      asOfDate
      totals {
        inspections
        sealed
        passed
        failed
        passRate
      }
      itemRates {
        code
        name
        checked
        passed
        failed
        passRate
        failRate
        inspections
        failedInspections
      }
      subItemRates(itemCode: $itemCode) {
        code
        itemCode
        name
        checked
        passed
        failed
        passRate
        failRate
      }
      recentCounts {
        months
        from
        to
        total
        sealed
        failed
      }
      monthlyTrend(months: $months) {
        month
        total
        sealed
        failed
      }
      breakdown(by: $by, unitRole: $unitRole) {
        key
        label
        inspections
        sealed
        passed
        failed
        passRate
        failedInspections
      }
    }
  }
`;
