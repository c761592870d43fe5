import { gql } from '@apollo/client/core';
import { DOWNLOAD_LINK_FIELDS, IMPORT_REPORT_FIELDS } from './lists';

export const USER_FIELDS = gql`
  fragment UserFields on User {
    id
    username
    displayName
    status
    phone
    idCardNo
    locked
    lockedUntil
    failedLoginCount
    mustChangePassword
    lastLoginAt
    lastLoginIp
    createdAt
    departmentId
    department {
      id
      name
    }
    roles {
      id
      code
      name
    }
  }
`;

export const USERS = gql`
  query Users($filter: UserFilter, $page: PageInput, $sort: UserSort) {
    users(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        ...UserFields
      }
    }
  }
  ${USER_FIELDS}
`;

export const EXPORT_USERS = gql`
  mutation ExportUsers($filter: UserFilter, $sort: UserSort, $ids: [ID!]) {
    exportUsers(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const USER_IMPORT_TEMPLATE = gql`
  query UserImportTemplate {
    userImportTemplate {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const IMPORT_USERS = gql`
  mutation ImportUsers($file: ImportFileInput!, $dryRun: Boolean!, $initialPassword: String) {
    importUsers(file: $file, dryRun: $dryRun, initialPassword: $initialPassword) {
      ...ImportReportFields
    }
  }
  ${IMPORT_REPORT_FIELDS}
`;

export const DELETE_USERS = gql`
  mutation DeleteUsers($ids: [ID!]!) {
    deleteUsers(ids: $ids) {
      deleted
    }
  }
`;

export const SET_USERS_STATUS = gql`
  mutation SetUsersStatus($ids: [ID!]!, $status: EnableStatus!) {
    setUsersStatus(ids: $ids, status: $status) {
      id
      status
    }
  }
`;

export const CREATE_USER = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
  ${USER_FIELDS}
`;

export const UPDATE_USER = gql`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...UserFields
    }
  }
  ${USER_FIELDS}
`;

export const RESET_USER_PASSWORD = gql`
  mutation ResetUserPassword($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword) {
      id
      mustChangePassword
    }
  }
`;

export const SET_USER_STATUS = gql`
  mutation SetUserStatus($id: ID!, $status: EnableStatus!) {
    setUserStatus(id: $id, status: $status) {
      id
      status
    }
  }
`;

export const UNLOCK_USER = gql`
  mutation UnlockUser($id: ID!) {
    unlockUser(id: $id) {
      id
      locked
      lockedUntil
      failedLoginCount
    }
  }
`;

const DEPT_FIELDS = gql`
  fragment DeptFields on Department {
    id
    name
    kind
    parentId
    districtCode
    enterpriseId
    sortOrder
    status
    createdAt
  }
`;

/** The tree four levels deep (bureau → district bureau → station → …). */
export const DEPARTMENTS = gql`
  query Departments {
    departments {
      ...DeptFields
      children {
        ...DeptFields
        children {
          ...DeptFields
          children {
            ...DeptFields
            children {
              ...DeptFields
            }
          }
        }
      }
    }
  }
  ${DEPT_FIELDS}
`;

export const EXPORT_DEPARTMENTS = gql`
  mutation ExportDepartments($filter: DepartmentFilter, $ids: [ID!]) {
    exportDepartments(filter: $filter, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const DELETE_DEPARTMENTS = gql`
  mutation DeleteDepartments($ids: [ID!]!) {
    deleteDepartments(ids: $ids) {
      deleted
    }
  }
`;

export const CREATE_DEPARTMENT = gql`
  mutation CreateDepartment($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      ...DeptFields
    }
  }
  ${DEPT_FIELDS}
`;

export const UPDATE_DEPARTMENT = gql`
  mutation UpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) {
    updateDepartment(id: $id, input: $input) {
      ...DeptFields
    }
  }
  ${DEPT_FIELDS}
`;

const ROLE_FIELDS = gql`
  fragment RoleFields on Role {
    id
    code
    name
    description
    permissions
    dataScope
    sortOrder
    status
    createdAt
    customDepartments {
      id
      name
    }
  }
`;

export const ROLES = gql`
  query Roles {
    roles {
      ...RoleFields
    }
  }
  ${ROLE_FIELDS}
`;

/** The roles list page: all roles (a few dozen at most, unpaged), filtered and sorted on the server. */
export const ROLE_LIST = gql`
  query RoleList($filter: RoleFilter, $sort: RoleSort) {
    roles(filter: $filter, sort: $sort) {
      ...RoleFields
    }
  }
  ${ROLE_FIELDS}
`;

export const EXPORT_ROLES = gql`
  mutation ExportRoles($filter: RoleFilter, $sort: RoleSort, $ids: [ID!]) {
    exportRoles(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const DELETE_ROLES = gql`
  mutation DeleteRoles($ids: [ID!]!) {
    deleteRoles(ids: $ids) {
      deleted
    }
  }
`;

export const PERMISSION_CATALOG = gql`
  query PermissionCatalog {
    permissionCatalog {
      code
      label
    }
  }
`;

export const CREATE_ROLE = gql`
  mutation CreateRole($input: CreateRoleInput!) {
    createRole(input: $input) {
      ...RoleFields
    }
  }
  ${ROLE_FIELDS}
`;

export const UPDATE_ROLE = gql`
  mutation UpdateRole($id: ID!, $input: UpdateRoleInput!) {
    updateRole(id: $id, input: $input) {
      ...RoleFields
    }
  }
  ${ROLE_FIELDS}
`;

export const LOGIN_LOGS = gql`
  query LoginLogs($filter: LoginLogFilter, $page: PageInput, $sort: LoginLogSort) {
    loginLogs(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        id
        username
        userId
        ip
        userAgent
        result
        reason
        at
      }
    }
  }
`;

export const EXPORT_LOGIN_LOGS = gql`
  mutation ExportLoginLogs($filter: LoginLogFilter, $sort: LoginLogSort, $ids: [ID!]) {
    exportLoginLogs(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const AUDIT_LOGS = gql`
  query AuditLogs($filter: AuditLogFilter, $page: PageInput, $sort: AuditLogSort) {
    auditLogs(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        seq
        at
        actorId
        actorName
        sessionId
        ip
        userAgent
        operationName
        fields
        variables
        result
        errorCodes
        prevHash
        hash
      }
    }
  }
`;

export const EXPORT_AUDIT_LOGS = gql`
  mutation ExportAuditLogs($filter: AuditLogFilter, $sort: AuditLogSort, $ids: [ID!]) {
    exportAuditLogs(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const VERIFY_AUDIT_CHAIN = gql`
  query VerifyAuditChain {
    verifyAuditChain {
      ok
      checked
      brokenAtSeq
      headSeq
    }
  }
`;

export const SESSIONS = gql`
  query Sessions($filter: SessionFilter, $page: PageInput, $sort: UserSessionSort) {
    sessions(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        id
        createdAt
        lastActiveAt
        expiresAt
        ip
        userAgent
        current
        user {
          id
          username
          displayName
          department {
            id
            name
          }
        }
      }
    }
  }
`;

export const EXPORT_SESSIONS = gql`
  mutation ExportSessions($filter: SessionFilter, $sort: UserSessionSort, $ids: [ID!]) {
    exportSessions(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const REVOKE_SESSION = gql`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;

const DICT_ITEM_FIELDS = gql`
  fragment DictItemFields on DictItem {
    id
    typeId
    typeCode
    label
    value
    tagType
    sortOrder
    status
    builtIn
    remark
  }
`;

export const DICT_ITEMS = gql`
  query DictItems($typeCodes: [String!]!) {
    dictItems(typeCodes: $typeCodes) {
      ...DictItemFields
    }
  }
  ${DICT_ITEM_FIELDS}
`;

export const DICT_TYPES = gql`
  query DictTypes($filter: DictTypeFilter, $page: PageInput, $sort: DictTypeSort) {
    dictTypes(filter: $filter, page: $page, sort: $sort) {
      total
      page
      pageSize
      items {
        id
        code
        name
        description
        builtIn
        sortOrder
        status
        createdAt
      }
    }
  }
`;

export const EXPORT_DICT_TYPES = gql`
  mutation ExportDictTypes($filter: DictTypeFilter, $sort: DictTypeSort, $ids: [ID!]) {
    exportDictTypes(filter: $filter, sort: $sort, ids: $ids) {
      ...DownloadLinkFields
    }
  }
  ${DOWNLOAD_LINK_FIELDS}
`;

export const DICT_TYPE_ITEMS = gql`
  query DictTypeItems($id: ID!) {
    dictType(id: $id) {
      id
      code
      name
      items {
        ...DictItemFields
      }
    }
  }
  ${DICT_ITEM_FIELDS}
`;

export const CREATE_DICT_TYPE = gql`
  mutation CreateDictType($input: CreateDictTypeInput!) {
    createDictType(input: $input) {
      id
      code
    }
  }
`;

export const UPDATE_DICT_TYPE = gql`
  mutation UpdateDictType($id: ID!, $input: UpdateDictTypeInput!) {
    updateDictType(id: $id, input: $input) {
      id
      code
      name
      description
      sortOrder
      status
    }
  }
`;

export const DELETE_DICT_TYPE = gql`
  mutation DeleteDictType($id: ID!) {
    deleteDictType(id: $id)
  }
`;

export const CREATE_DICT_ITEM = gql`
  mutation CreateDictItem($input: CreateDictItemInput!) {
    createDictItem(input: $input) {
      ...DictItemFields
    }
  }
  ${DICT_ITEM_FIELDS}
`;

export const UPDATE_DICT_ITEM = gql`
  mutation UpdateDictItem($id: ID!, $input: UpdateDictItemInput!) {
    updateDictItem(id: $id, input: $input) {
      ...DictItemFields
    }
  }
  ${DICT_ITEM_FIELDS}
`;

export const DELETE_DICT_ITEM = gql`
  mutation DeleteDictItem($id: ID!) {
    deleteDictItem(id: $id)
  }
`;
