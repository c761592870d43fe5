import { gql } from '@apollo/client/core';
import { DOWNLOAD_LINK_FIELDS, IMPORT_REPORT_FIELDS } from './lists';

export const DISTRICTS = gql`
  query Districts {
    districts {
      code
      name
      kind
      parentCode
      center {
        lng
        lat
      }
    }
  }
`;

export const DISTRICT_BOUNDARIES = gql`
  query DistrictBoundaries {
    districts {
      code
      name
      kind
      parentCode
      center {
        lng
        lat
      }
      boundary
    }
  }
`;

const PROJECT_ROW = gql`
  fragment ProjectRowFields on Project {
    id
    name
    projectCode
    permitCode
    type
    status
    address
    startDate
    districtCode
    district {
      code
      name
    }
    builder {
      id
      name
    }
    generalContractor {
      id
      name
    }
    createdAt
    updatedAt
  }
`;

export const PROJECTS = gql`
  query Projects($filter: ProjectFilter, $page: PageInput, $sort: ProjectSort) {
    projects(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...ProjectRowFields
      }
    }
  }
  ${PROJECT_ROW}
`;

export const EXPORT_PROJECTS = gql`
  mutation ExportProjects($filter: ProjectFilter, $sort: ProjectSort, $ids: [ID!]) {
    exportProjects(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const PROJECT_IMPORT_TEMPLATE = gql`
  query ProjectImportTemplate {
    projectImportTemplate {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const IMPORT_PROJECTS = gql`
  mutation ImportProjects($file: ImportFileInput!, $dryRun: Boolean!) {
    importProjects(file: $file, dryRun: $dryRun) {
      ...ImportReportFields
    }
  }
  ${IMPORT_REPORT_FIELDS}
`;

export const DELETE_PROJECTS = gql`
  mutation DeleteProjects($ids: [ID!]!) {
    deleteProjects(ids: $ids) {
      deleted
    }
  }
`;

const PROJECT_FIELDS = gql`
  fragment ProjectFields on Project {
    ...ProjectRowFields
    investmentCode
    provincialCode
    location {
      lng
      lat
    }
    siteBoundary
    plannedEndDate
    completedDate
    contractAmount
    area
    createdAt
    createdById
    createdBy {
      id
      username
      displayName
    }
    units {
      id
      role
      projectLeader
      position
      enterprise {
        id
        name
        creditCode
      }
    }
  }
  ${PROJECT_ROW}
`;

export const PROJECT = gql`
  query Project($id: ID!) {
    project(id: $id) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const CREATE_PROJECT = gql`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const UPDATE_PROJECT = gql`
  mutation UpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const SET_PROJECT_UNITS = gql`
  mutation SetProjectUnits($projectId: ID!, $units: [ProjectUnitInput!]!) {
    setProjectUnits(projectId: $projectId, units: $units) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const PROJECT_CHANGED = gql`
  subscription ProjectChanged {
    projectChanged {
      kind
      at
      project {
        id
        name
      }
    }
  }
`;

export const PROJECT_STATS = gql`
  query ProjectStats {
    projectStats {
      total
      byStatus {
        status
        count
      }
      byDistrict {
        districtCode
        count
        district {
          code
          name
        }
      }
    }
  }
`;

const ENTERPRISE_FIELDS = gql`
  fragment EnterpriseFields on Enterprise {
    id
    name
    creditCode
    registeredAddress
    legalRepresentative
    districtCode
    district {
      code
      name
    }
    qualificationStatus
    qualifications {
      id
      name
      grade
      certificateNo
      validUntil
      status
      source
      fetchedAt
      changedAt
    }
    createdAt
    updatedAt
  }
`;

export const ENTERPRISES = gql`
  query Enterprises($filter: EnterpriseFilter, $page: PageInput, $sort: EnterpriseSort) {
    enterprises(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...EnterpriseFields
      }
    }
  }
  ${ENTERPRISE_FIELDS}
`;

export const EXPORT_ENTERPRISES = gql`
  mutation ExportEnterprises($filter: EnterpriseFilter, $sort: EnterpriseSort, $ids: [ID!]) {
    exportEnterprises(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const ENTERPRISE_IMPORT_TEMPLATE = gql`
  query EnterpriseImportTemplate {
    enterpriseImportTemplate {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const IMPORT_ENTERPRISES = gql`
  mutation ImportEnterprises($file: ImportFileInput!, $dryRun: Boolean!) {
    importEnterprises(file: $file, dryRun: $dryRun) {
      ...ImportReportFields
    }
  }
  ${IMPORT_REPORT_FIELDS}
`;

export const DELETE_ENTERPRISES = gql`
  mutation DeleteEnterprises($ids: [ID!]!) {
    deleteEnterprises(ids: $ids) {
      deleted
    }
  }
`;

export const ENTERPRISE_OPTIONS = gql`
  query EnterpriseOptions($filter: EnterpriseFilter, $page: PageInput) {
    enterprises(filter: $filter, page: $page) {
      total
      items {
        id
        name
        creditCode
      }
    }
  }
`;

export const ENTERPRISE = gql`
  query Enterprise($id: ID!, $page: PageInput) {
    enterprise(id: $id) {
      ...EnterpriseFields
      projects(page: $page) {
        total
        page
        pageSize
        items {
          id
          name
          projectCode
          permitCode
          status
          type
          district {
            code
            name
          }
          startDate
        }
      }
    }
  }
  ${ENTERPRISE_FIELDS}
`;

export const CREATE_ENTERPRISE = gql`
  mutation CreateEnterprise($input: CreateEnterpriseInput!) {
    createEnterprise(input: $input) {
      ...EnterpriseFields
    }
  }
  ${ENTERPRISE_FIELDS}
`;

export const UPDATE_ENTERPRISE = gql`
  mutation UpdateEnterprise($id: ID!, $input: UpdateEnterpriseInput!) {
    updateEnterprise(id: $id, input: $input) {
      ...EnterpriseFields
    }
  }
  ${ENTERPRISE_FIELDS}
`;

const PROVINCIAL_CONFLICT_FIELDS = gql`
  fragment ProvincialConflictFields on ProvincialConflict {
    field
    label
    stored
    proposed
    blocking
  }
`;

export const PROVINCIAL_PROJECT_LOOKUP = gql`
  query ProvincialProjectLookup($code: String!) {
    provincialProjectLookup(code: $code) {
      source
      fetchedAt
      digest
      projectCode
      permitCode
      investmentCode
      provincialCode
      name
      type
      districtCode
      address
      location {
        lng
        lat
      }
      status
      startDate
      plannedEndDate
      completedDate
      area
      totalInvestment
      units {
        role
        name
        creditCode
        projectLeader
        isNew
        enterprise {
          id
          name
          creditCode
        }
      }
      existingProject {
        id
        name
      }
      conflicts {
        ...ProvincialConflictFields
      }
    }
  }
  ${PROVINCIAL_CONFLICT_FIELDS}
`;

export const APPLY_PROVINCIAL_PROJECT = gql`
  mutation ApplyProvincialProject(
    $code: String!
    $digest: String!
    $confirmConflicts: Boolean
    $edits: ProvincialProjectEdits
  ) {
    applyProvincialProject(code: $code, digest: $digest, confirmConflicts: $confirmConflicts, edits: $edits) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const PROVINCIAL_ENTERPRISE_LOOKUP = gql`
  query ProvincialEnterpriseLookup($creditCode: String!) {
    provincialEnterpriseLookup(creditCode: $creditCode) {
      source
      fetchedAt
      digest
      creditCode
      name
      registeredAddress
      legalRepresentative
      districtCode
      qualifications {
        name
        grade
        certificateNo
        validUntil
        status
      }
      existing {
        id
        name
      }
      conflicts {
        ...ProvincialConflictFields
      }
    }
  }
  ${PROVINCIAL_CONFLICT_FIELDS}
`;

export const APPLY_PROVINCIAL_ENTERPRISE = gql`
  mutation ApplyProvincialEnterprise($creditCode: String!, $digest: String!, $confirmConflicts: Boolean) {
    applyProvincialEnterprise(creditCode: $creditCode, digest: $digest, confirmConflicts: $confirmConflicts) {
      ...EnterpriseFields
    }
  }
  ${ENTERPRISE_FIELDS}
`;
