/** The documents the dashboard sends. One fragment for a project on the map and in the lists. */

export const PROJECT_FIELDS = `
  id name projectCode permitCode type status districtCode address
  location { lng lat }
  builder { name }
  generalContractor { name }
  createdAt updatedAt
`;

export const DISTRICTS = `query DashboardDistricts {
  districts { code name kind center { lng lat } boundary }
}`;

/** One page of the map's points (max pageSize 100; the router's cost limit counts pageSize × fields). */
export const PROJECT_PAGE = `query DashboardProjects($page: Int!, $pageSize: Int!) {
  projects(page: { page: $page, pageSize: $pageSize }) {
    total
    items { ${PROJECT_FIELDS} }
  }
}`;

export const PROJECT_STATS = `query DashboardProjectStats {
  projectStats { total byDistrict { districtCode count } byStatus { status count } }
}`;

/** Enterprise totals, city-wide and per district (aliases built from the district list). */
export function enterpriseCounts(districtCodes: string[]): string {
  const perDistrict = districtCodes
    .map(
      (code) => `d${code}: enterprises(filter: { districtCode: "${code}" }, page: { page: 1, pageSize: 1 }) { total }`,
    )
    .join('\n  ');
  return `query DashboardEnterpriseCounts {
  all: enterprises(page: { page: 1, pageSize: 1 }) { total }
  ${perDistrict}
}`;
}

export const PROJECT_CHANGED = `subscription DashboardProjectChanged {
  projectChanged { kind at project { ${PROJECT_FIELDS} } }
}`;

/**
 * 消防验收抽查 analytics (4.2) for one scope: the city (no district) or a district. The breakdown is
 * by district for the city and by project category inside a district.
 */
export const FIRE_ANALYTICS = `query DashboardFireAnalytics($filter: FireAnalyticsFilter, $by: FireBreakdownDimension!) {
  fireAnalytics(filter: $filter) {
    asOfDate
    totals { inspections sealed passed failed passRate }
    itemRates { code name checked passed failed passRate failRate inspections failedInspections }
    recentCounts { months from to total sealed failed }
    monthlyTrend(months: 12) { month total sealed failed }
    breakdown(by: $by) { key label inspections sealed passed failed passRate failedInspections }
  }
}`;

/** Every sealed inspection in the caller's scope (the screen filters by district itself). */
export const FIRE_INSPECTION_SEALED = `subscription DashboardFireSealed {
  fireInspectionSealed { failed at inspection { id projectName districtCode } }
}`;

// ------------------------------------------------------------------ 实名制考勤 (4.3.1–4.3.6)

const ATTENDANCE_FIELDS = `projectId projectName districtCode registered keyRegistered attended keyAttended onSite keyOnSite`;

/** Today's date (Beijing time) and the city's totals, to check the per-project figures against. */
export const WORKFORCE_TODAY = `query DashboardWorkforceToday {
  workforceToday { date total { registered keyRegistered attended keyAttended onSite keyOnSite } }
}`;

/** One page of today's figures per project (max pageSize 100); the screen sums districts and ranks itself. */
export const WORKFORCE_PROJECTS = `query DashboardWorkforceProjects($page: Int!, $pageSize: Int!, $date: String) {
  workforceProjectsToday(page: { page: $page, pageSize: $pageSize }, date: $date) {
    total
    items { ${ATTENDANCE_FIELDS} }
  }
}`;

/** People on site by trade, post, age band (and district), for the city or one district. */
export const WORKFORCE_PERSONNEL = `query DashboardPersonnelStats($districtCode: String) {
  workforcePersonnelStats(districtCode: $districtCode) {
    total keyPost
    byTrade { key label count }
    byPost { key label count }
    byDistrict { key label count }
    byAgeBand { key label count }
  }
}`;

/**
 * Every check-in and every change of the register (进场/退场) in the caller's scope, as per-project
 * deltas (the screen filters by district itself).
 */
export const ATTENDANCE_CHANGED = `subscription DashboardAttendanceChanged {
  attendanceChanged {
    workDate at
    deltas {
      projectId districtCode onSiteDelta keyPostDelta attendedDelta keyAttendedDelta accepted refused
      registeredDelta keyRegisteredDelta
    }
  }
}`;
