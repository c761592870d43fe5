import { gql } from '@apollo/client/core';

/** What every list's export, import template and import answer (ADR 0013), shared by the subgraphs. */
export const DOWNLOAD_LINK_FIELDS = gql`
  fragment DownloadLinkFields on DownloadLink {
    url
    fileName
    expiresAt
    rowCount
  }
`;

export const IMPORT_REPORT_FIELDS = gql`
  fragment ImportReportFields on ImportReport {
    dryRun
    applied
    total
    valid
    created
    updated
    problems {
      row
      column
      message
    }
  }
`;
