import { gql } from '@apollo/client/core';
import { DOWNLOAD_LINK_FIELDS, IMPORT_REPORT_FIELDS } from './lists';

/** 实名制与考勤 (1.2, 4.3): what the admin and the phone pages read and send (SDL in schema/workforce.graphql). */

export type WorkforceSex = 'MALE' | 'FEMALE';
export type WageType = 'MONTHLY' | 'DAILY' | 'PIECE';
export type DeviceKind = 'FACE' | 'GATE' | 'CARD';
export type AttendanceSource = 'MOBILE' | 'DEVICE';
export type AttendanceDirection = 'IN' | 'OUT';
export type RefusalReason =
  'OUTSIDE_FENCE' | 'NO_FENCE' | 'DUPLICATE' | 'NOT_ON_PROJECT' | 'UNKNOWN_PERSON' | 'BAD_TIME' | 'LOW_ACCURACY';
export type InsuranceState = 'PAID' | 'ARREARS' | 'NOT_ENROLLED';
export type InsuranceSource = 'LIVE' | 'CACHE' | 'NONE';
/** PERSON_PHOTO: 证件照 (JPEG/PNG); CONTRACT: 劳动合同扫描件 (PDF/JPEG/PNG). */
export type WorkforceFilePurpose = 'PERSON_PHOTO' | 'CONTRACT';

export const REASON_LABELS: Record<RefusalReason, string> = {
  OUTSIDE_FENCE: '不在项目电子围栏范围内',
  NO_FENCE: '项目未设置电子围栏',
  DUPLICATE: '重复打卡',
  NOT_ON_PROJECT: '当日不在此项目在场',
  UNKNOWN_PERSON: '人员未登记',
  BAD_TIME: '考勤时间无效',
  LOW_ACCURACY: '定位精度不足',
};
export const REASON_OPTIONS = Object.entries(REASON_LABELS).map(([value, label]) => ({
  value: value as RefusalReason,
  label,
}));
export const DIRECTION_LABELS: Record<AttendanceDirection, string> = { IN: '进场', OUT: '离场' };
export const SOURCE_LABELS: Record<AttendanceSource, string> = { MOBILE: '手机定位', DEVICE: '考勤设备' };
export const DEVICE_KIND_LABELS: Record<DeviceKind, string> = { FACE: '人脸识别考勤机', GATE: '闸机', CARD: '刷卡机' };
export const WAGE_TYPE_LABELS: Record<WageType, string> = { MONTHLY: '按月', DAILY: '按日', PIECE: '计件' };
export const INSURANCE_STATE_LABELS: Record<InsuranceState, string> = {
  PAID: '正常缴纳',
  ARREARS: '欠缴',
  NOT_ENROLLED: '未参保',
};
export const INSURANCE_SOURCE_LABELS: Record<InsuranceSource, string> = {
  LIVE: '实时',
  CACHE: '缓存',
  NONE: '无数据',
};

export interface WorkforceEmployment {
  id: string;
  personId: string;
  projectId: string;
  projectName: string | null;
  districtCode: string;
  districtName: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  post: string;
  isKeyPost: boolean;
  entryDate: string;
  exitDate: string | null;
  contractNo: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  wageType: WageType | null;
  wageAmount: number | null;
  active: boolean;
  /** Selected only by the person detail (WORKFORCE_PERSON) and UPDATE_WORKFORCE_EMPLOYMENT. */
  contractFile?: WorkforceFile | null;
}

/** A stored file; `url` is a signed link valid for 15 minutes (null when the caller may not open it). */
export interface WorkforceFile {
  sha256: string;
  mimeType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  uploadedAt: string;
  url: string | null;
}

export interface WorkforceUploadTicket {
  url: string;
  expiresAt: string;
  maxBytes: number;
  acceptedTypes: string[];
}

export interface WorkforceTraining {
  id: string;
  title: string;
  trainedOn: string;
  hours: number;
  provider: string | null;
  certificateNo: string | null;
  createdAt: string;
}

export interface WorkforcePersonRow {
  id: string;
  name: string;
  sex: WorkforceSex;
  sexLabel: string;
  age: number;
  ethnicity: string;
  trade: string;
  team: string | null;
  idCard: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  employments: WorkforceEmployment[];
}

export interface WorkforcePerson extends WorkforcePersonRow {
  birthDate: string;
  address: string | null;
  photoSha256: string | null;
  photo: WorkforceFile | null;
  userId: string | null;
  trainings: WorkforceTraining[];
}

export interface AttendanceRecord {
  id: string;
  occurredAt: string;
  workDate: string;
  personId: string | null;
  /** Null when unidentified or outside the caller's data scope. */
  personName: string | null;
  projectId: string | null;
  projectName: string | null;
  districtCode: string | null;
  direction: AttendanceDirection;
  source: AttendanceSource;
  deviceId: string | null;
  accepted: boolean;
  reason: RefusalReason | null;
  isKeyPost: boolean;
  latitude: number | null;
  longitude: number | null;
  distanceM: number | null;
  receivedAt: string;
}

export interface SocialInsurance {
  personId: string;
  status: InsuranceState | null;
  paidMonths: number | null;
  lastPaidMonth: string | null;
  insurer: string | null;
  months: { month: string; paid: boolean; base: number }[];
  fetchedAt: string | null;
  source: InsuranceSource;
  unavailable: boolean;
  message: string | null;
}

export interface WorkforceDevice {
  id: string;
  projectId: string;
  serialNo: string;
  name: string;
  kind: DeviceKind;
  enabled: boolean;
  lastSeenAt: string | null;
  createdAt: string;
}

export interface WorkforceSite {
  projectId: string;
  name: string;
  districtCode: string;
  locationLng: number | null;
  locationLat: number | null;
  boundary: { type: 'Polygon'; coordinates: number[][][] } | null;
  fenceMarginM: number;
  syncedAt: string;
  updatedAt: string;
  devices: WorkforceDevice[];
}

export interface ProjectAttendance {
  projectId: string;
  projectName: string;
  districtCode: string;
  districtName: string;
  registered: number;
  keyRegistered: number;
  attended: number;
  keyAttended: number;
  onSite: number;
  keyOnSite: number;
  attendanceRate: number | null;
  keyPostRate: number | null;
}

export interface AttendanceTotals {
  districtCode: string;
  districtName: string;
  registered: number;
  keyRegistered: number;
  attended: number;
  keyAttended: number;
  onSite: number;
  keyOnSite: number;
  attendanceRate: number | null;
  keyPostRate: number | null;
}

export interface AttendanceRate {
  key: string;
  name: string;
  districtCode: string;
  expectedDays: number;
  attendedDays: number;
  keyExpectedDays: number;
  keyAttendedDays: number;
  attendanceRate: number | null;
  keyPostRate: number | null;
}

export interface WorkforceCount {
  key: string;
  label: string;
  count: number;
}

const EMPLOYMENT_FIELDS = gql`
  fragment WorkforceEmploymentFields on WorkforceEmployment {
    id
    personId
    projectId
    projectName
    districtCode
    districtName
    enterpriseId
    enterpriseName
    post
    isKeyPost
    entryDate
    exitDate
    contractNo
    contractStart
    contractEnd
    wageType
    wageAmount
    active
  }
`;

const FILE_FIELDS = gql`
  fragment WorkforceFileFields on WorkforceFile {
    sha256
    mimeType
    byteSize
    width
    height
    uploadedAt
    url
  }
`;

const PERSON_ROW = gql`
  fragment WorkforcePersonRowFields on WorkforcePerson {
    id
    name
    sex
    sexLabel
    age
    ethnicity
    trade
    team
    idCard
    phone
    createdAt
    updatedAt
    employments {
      ...WorkforceEmploymentFields
    }
  }
  ${EMPLOYMENT_FIELDS}
`;

const PERSON_FIELDS = gql`
  fragment WorkforcePersonFields on WorkforcePerson {
    ...WorkforcePersonRowFields
    birthDate
    address
    photoSha256
    photo {
      ...WorkforceFileFields
    }
    userId
    createdAt
    employments {
      id
      contractFile {
        ...WorkforceFileFields
      }
    }
    trainings {
      id
      title
      trainedOn
      hours
      provider
      certificateNo
      createdAt
    }
  }
  ${PERSON_ROW}
  ${FILE_FIELDS}
`;

export const WORKFORCE_PEOPLE = gql`
  query WorkforcePeople($filter: WorkforcePersonFilter, $page: PageInput, $sort: WorkforcePersonSort) {
    workforcePeople(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...WorkforcePersonRowFields
      }
    }
  }
  ${PERSON_ROW}
`;

export const EXPORT_WORKFORCE_PEOPLE = gql`
  mutation ExportWorkforcePeople($filter: WorkforcePersonFilter, $sort: WorkforcePersonSort, $ids: [ID!]) {
    exportWorkforcePeople(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const WORKFORCE_PERSON_IMPORT_TEMPLATE = gql`
  query WorkforcePersonImportTemplate {
    workforcePersonImportTemplate {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const IMPORT_WORKFORCE_PEOPLE = gql`
  mutation ImportWorkforcePeople($file: ImportFileInput!, $dryRun: Boolean!) {
    importWorkforcePeople(file: $file, dryRun: $dryRun) {
      ...ImportReportFields
    }
  }
  ${IMPORT_REPORT_FIELDS}
`;

export const WORKFORCE_PERSON_OPTIONS = gql`
  query WorkforcePersonOptions($filter: WorkforcePersonFilter, $page: PageInput) {
    workforcePeople(filter: $filter, page: $page) {
      total
      items {
        id
        name
        trade
        idCard
      }
    }
  }
`;

export const WORKFORCE_PERSON = gql`
  query WorkforcePerson($id: ID!) {
    workforcePerson(id: $id) {
      ...WorkforcePersonFields
    }
  }
  ${PERSON_FIELDS}
`;

export const WORKFORCE_OPTIONS = gql`
  query WorkforceOptions {
    workforceKeyPosts
    workforceTrades
  }
`;

export const CREATE_WORKFORCE_PERSON = gql`
  mutation CreateWorkforcePerson($input: CreateWorkforcePersonInput!) {
    createWorkforcePerson(input: $input) {
      ...WorkforcePersonFields
    }
  }
  ${PERSON_FIELDS}
`;

export const UPDATE_WORKFORCE_PERSON = gql`
  mutation UpdateWorkforcePerson($id: ID!, $input: UpdateWorkforcePersonInput!) {
    updateWorkforcePerson(id: $id, input: $input) {
      ...WorkforcePersonFields
    }
  }
  ${PERSON_FIELDS}
`;

export const ASSIGN_WORKFORCE_PERSON = gql`
  mutation AssignWorkforcePerson($input: WorkforceEmploymentInput!) {
    assignWorkforcePerson(input: $input) {
      ...WorkforceEmploymentFields
    }
  }
  ${EMPLOYMENT_FIELDS}
`;

export const UPDATE_WORKFORCE_EMPLOYMENT = gql`
  mutation UpdateWorkforceEmployment($id: ID!, $input: UpdateWorkforceEmploymentInput!) {
    updateWorkforceEmployment(id: $id, input: $input) {
      ...WorkforceEmploymentFields
      contractFile {
        ...WorkforceFileFields
      }
    }
  }
  ${EMPLOYMENT_FIELDS}
  ${FILE_FIELDS}
`;

/** A signed URL the browser POSTs one file to (10 minutes); needs workforce:person:edit. */
export const CREATE_WORKFORCE_UPLOAD_TICKET = gql`
  mutation CreateWorkforceUploadTicket($purpose: WorkforceFilePurpose!) {
    createWorkforceUploadTicket(purpose: $purpose) {
      url
      expiresAt
      maxBytes
      acceptedTypes
    }
  }
`;

export const EXIT_WORKFORCE_EMPLOYMENT = gql`
  mutation ExitWorkforceEmployment($id: ID!, $exitDate: String!) {
    exitWorkforceEmployment(id: $id, exitDate: $exitDate) {
      ...WorkforceEmploymentFields
    }
  }
  ${EMPLOYMENT_FIELDS}
`;

export const ADD_WORKFORCE_TRAINING = gql`
  mutation AddWorkforceTraining($personId: ID!, $input: WorkforceTrainingInput!) {
    addWorkforceTraining(personId: $personId, input: $input) {
      id
    }
  }
`;

export const SOCIAL_INSURANCE = gql`
  query SocialInsuranceStatus($personId: ID!, $refresh: Boolean) {
    socialInsuranceStatus(personId: $personId, refresh: $refresh) {
      personId
      status
      paidMonths
      lastPaidMonth
      insurer
      months {
        month
        paid
        base
      }
      fetchedAt
      source
      unavailable
      message
    }
  }
`;

const ATTENDANCE_FIELDS = gql`
  fragment AttendanceRecordFields on AttendanceRecord {
    id
    occurredAt
    workDate
    personId
    personName
    projectId
    projectName
    districtCode
    direction
    source
    deviceId
    accepted
    reason
    isKeyPost
    latitude
    longitude
    distanceM
    receivedAt
  }
`;

export const ATTENDANCE_RECORDS = gql`
  query AttendanceRecords($filter: AttendanceRecordFilter, $page: PageInput, $sort: AttendanceRecordSort) {
    attendanceRecords(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...AttendanceRecordFields
      }
    }
  }
  ${ATTENDANCE_FIELDS}
`;

export const EXPORT_ATTENDANCE_RECORDS = gql`
  mutation ExportAttendanceRecords($filter: AttendanceRecordFilter, $sort: AttendanceRecordSort, $ids: [ID!]) {
    exportAttendanceRecords(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

const SITE_FIELDS = gql`
  fragment WorkforceSiteFields on WorkforceProjectSite {
    projectId
    name
    districtCode
    locationLng
    locationLat
    boundary
    fenceMarginM
    syncedAt
    updatedAt
    devices {
      id
      projectId
      serialNo
      name
      kind
      enabled
      lastSeenAt
      createdAt
    }
  }
`;

export const WORKFORCE_SITES = gql`
  query WorkforceSites($filter: WorkforceProjectSiteFilter, $page: PageInput, $sort: WorkforceProjectSiteSort) {
    workforceSites(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...WorkforceSiteFields
      }
    }
  }
  ${SITE_FIELDS}
`;

export const EXPORT_WORKFORCE_SITES = gql`
  mutation ExportWorkforceSites($filter: WorkforceProjectSiteFilter, $sort: WorkforceProjectSiteSort, $ids: [ID!]) {
    exportWorkforceSites(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const SET_FENCE_MARGIN = gql`
  mutation SetWorkforceFenceMargin($projectId: ID!, $marginM: Int!) {
    setWorkforceFenceMargin(projectId: $projectId, marginM: $marginM) {
      ...WorkforceSiteFields
    }
  }
  ${SITE_FIELDS}
`;

export const REGISTER_DEVICE = gql`
  mutation RegisterAttendanceDevice($input: RegisterAttendanceDeviceInput!) {
    registerAttendanceDevice(input: $input) {
      id
    }
  }
`;

export const SET_DEVICE_ENABLED = gql`
  mutation SetAttendanceDeviceEnabled($id: ID!, $enabled: Boolean!) {
    setAttendanceDeviceEnabled(id: $id, enabled: $enabled) {
      id
      enabled
    }
  }
`;

const PROJECT_ATTENDANCE = gql`
  fragment ProjectAttendanceFields on WorkforceProjectAttendance {
    projectId
    projectName
    districtCode
    districtName
    registered
    keyRegistered
    attended
    keyAttended
    onSite
    keyOnSite
    attendanceRate
    keyPostRate
  }
`;

const TOTALS = gql`
  fragment AttendanceTotalsFields on WorkforceAttendanceTotals {
    districtCode
    districtName
    registered
    keyRegistered
    attended
    keyAttended
    onSite
    keyOnSite
    attendanceRate
    keyPostRate
  }
`;

/** 4.3: today per district and per project, the two rankings and the personnel statistics, in one request. */
export const WORKFORCE_ANALYTICS = gql`
  query WorkforceAnalytics($districtCode: String, $page: PageInput) {
    workforceToday(districtCode: $districtCode) {
      date
      total {
        ...AttendanceTotalsFields
      }
      byDistrict {
        ...AttendanceTotalsFields
      }
    }
    workforceProjectsToday(districtCode: $districtCode, page: $page) {
      total
      page
      pageSize
      items {
        ...ProjectAttendanceFields
      }
    }
    onSite: workforceOnSiteRanking(limit: 10, districtCode: $districtCode) {
      items {
        ...ProjectAttendanceFields
      }
    }
    keyPost: workforceKeyPostRanking(limit: 10, order: ASC, districtCode: $districtCode) {
      items {
        ...ProjectAttendanceFields
      }
    }
    workforcePersonnelStats(districtCode: $districtCode) {
      total
      keyPost
      byTrade {
        key
        label
        count
      }
      byPost {
        key
        label
        count
      }
      byDistrict {
        key
        label
        count
      }
      byAgeBand {
        key
        label
        count
      }
      bySex {
        key
        label
        count
      }
    }
  }
  ${PROJECT_ATTENDANCE}
  ${TOTALS}
`;

export const WORKFORCE_RATES = gql`
  query WorkforceAttendanceRates(
    $filter: WorkforceRateFilter!
    $groupBy: WorkforceRateGroup!
    $orderByKeyPost: Boolean!
    $order: WorkforceSortOrder!
    $page: PageInput
  ) {
    workforceAttendanceRates(
      filter: $filter
      groupBy: $groupBy
      orderByKeyPost: $orderByKeyPost
      order: $order
      page: $page
    ) {
      total
      page
      pageSize
      items {
        key
        name
        districtCode
        expectedDays
        attendedDays
        keyExpectedDays
        keyAttendedDays
        attendanceRate
        keyPostRate
      }
    }
  }
`;

/** The phone: the linked person with their assignments, the fences of those projects, and today's attempts. */
export const MY_WORKFORCE = gql`
  query MyWorkforce {
    myWorkforcePerson {
      id
      name
      trade
      team
      employments {
        ...WorkforceEmploymentFields
        project {
          id
          workforceSite {
            projectId
            name
            boundary
            fenceMarginM
            locationLng
            locationLat
          }
        }
      }
    }
  }
  ${EMPLOYMENT_FIELDS}
`;

/** The caller's own attempts (accepted and refused) through their linked person. */
export const MY_ATTENDANCE = gql`
  query MyAttendance($dateFrom: String, $dateTo: String, $page: PageInput) {
    myAttendance(dateFrom: $dateFrom, dateTo: $dateTo, page: $page) {
      total
      items {
        ...AttendanceRecordFields
      }
    }
  }
  ${ATTENDANCE_FIELDS}
`;

export const MOBILE_CHECK_IN = gql`
  mutation MobileCheckIn(
    $projectId: ID!
    $latitude: Float!
    $longitude: Float!
    $accuracy: Float!
    $direction: AttendanceDirection
  ) {
    mobileCheckIn(
      projectId: $projectId
      latitude: $latitude
      longitude: $longitude
      accuracy: $accuracy
      direction: $direction
    ) {
      ...AttendanceRecordFields
    }
  }
  ${ATTENDANCE_FIELDS}
`;

/** Project names for ids seen in attendance rows (the record carries only ids). */
export const SITE_NAMES = gql`
  query WorkforceSiteNames($page: PageInput) {
    workforceSites(page: $page) {
      items {
        projectId
        name
      }
    }
  }
`;
