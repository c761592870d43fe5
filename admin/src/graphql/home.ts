import { gql } from '@apollo/client/core';

/**
 * The home page: each subgraph's part for the caller (`projectsHome`, `fireHome`, `workforceHome`),
 * asked only when the caller may see it. Each part is nullable: a subsystem that is down costs only
 * its tiles (MissingPartsNote names it).
 */
export const HOME = gql`
  query HomePage($projects: Boolean!, $enterprises: Boolean!, $fire: Boolean!, $workforce: Boolean!) {
    projectsHome @include(if: $projects) {
      stats {
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
      recent(limit: 5) {
        id
        name
        status
        districtCode
        updatedAt
      }
    }
    enterprises(page: { page: 1, pageSize: 1 }) @include(if: $enterprises) {
      total
    }
    fireHome @include(if: $fire) {
      waitingOnMe
      byStatus {
        status
        label
        count
        waitingOnMe
      }
      todo(limit: 8) {
        action
        signed
        signers
        inspection {
          id
          projectName
          districtCode
          inspectionDate
          status
        }
      }
    }
    workforceHome @include(if: $workforce) {
      date
      contractEndTo
      contractsExpiring
      refusedToday
      notEnrolled
      inArrears
      today {
        registered
        attended
        onSite
        attendanceRate
      }
      mine {
        name
        monthAttendedDays
        attendedToday
        onSite
        refusedToday
      }
    }
  }
`;
