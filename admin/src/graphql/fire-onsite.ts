import { gql } from '@apollo/client/core';

/** The phone pages' own documents (1.3.5); the admin documents in fire.ts are reused for the rest. */

export interface FireSiteVisit {
  id: string;
  openedAt: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  distanceMeters: number | null;
  farFromSite: boolean;
  warning: string | null;
}

export interface FirePhoto {
  id: string;
  url: string;
  capturedAt: string;
  itemCode: string | null;
  locationKey: string | null;
  lineCode: string | null;
  latitude: number;
  longitude: number;
  accuracy: number;
  distanceMeters: number | null;
  note: string | null;
}

export const OPEN_FIRE_SITE_VISIT = gql`
  mutation OpenFireSiteVisit($inspectionId: ID!, $position: FirePositionInput!) {
    openFireSiteVisit(inspectionId: $inspectionId, position: $position) {
      captureKey
      visit {
        id
        openedAt
        latitude
        longitude
        accuracy
        distanceMeters
        farFromSite
        warning
      }
    }
  }
`;

export const UPLOAD_FIRE_PHOTO = gql`
  mutation UploadFirePhoto($inspectionId: ID!, $input: FirePhotoInput!) {
    uploadFirePhoto(inspectionId: $inspectionId, input: $input) {
      id
    }
  }
`;

/** The desk's view of what was done on site: photos of one item and every visit with its position. */
export const FIRE_ONSITE_RECORD = gql`
  query FireOnsiteRecord($id: ID!, $itemCode: String) {
    fireInspection(id: $id) {
      id
      photos(itemCode: $itemCode) {
        id
        url
        capturedAt
        itemCode
        locationKey
        lineCode
        latitude
        longitude
        accuracy
        distanceMeters
        note
      }
      siteVisits {
        id
        openedAt
        latitude
        longitude
        accuracy
        distanceMeters
        farFromSite
        warning
      }
    }
  }
`;

/** What the item page needs besides the plan's checks: the plan id and the layout for extra locations. */
export const FIRE_ONSITE_INSPECTION = gql`
  query FireOnsiteInspection($id: ID!, $itemCode: String) {
    fireInspection(id: $id) {
      id
      projectName
      status
      currentPlan {
        id
        status
      }
      buildings {
        id
        name
        floors {
          id
          name
        }
      }
      currentPlanItem: currentPlan {
        id
        items {
          code
          name
          applicable
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
            }
          }
        }
      }
      results(itemCode: $itemCode) {
        id
        lineCode
        locationKey
        verdict
        note
      }
      extraLocations {
        id
        itemCode
        locationKey
        label
      }
      photos(itemCode: $itemCode) {
        id
        url
        capturedAt
        locationKey
      }
    }
  }
`;
