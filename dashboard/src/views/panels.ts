import type { Component } from 'vue';
import AttendanceTodayPanel from '../panels/attendance/AttendanceTodayPanel.vue';
import DistrictCarouselPanel from '../panels/attendance/DistrictCarouselPanel.vue';
import DistrictRatesPanel from '../panels/attendance/DistrictRatesPanel.vue';
import KeyPostRankingPanel from '../panels/attendance/KeyPostRankingPanel.vue';
import OnSiteRankingPanel from '../panels/attendance/OnSiteRankingPanel.vue';
import PersonnelStatsPanel from '../panels/attendance/PersonnelStatsPanel.vue';
import DistrictBarPanel from '../panels/DistrictBarPanel.vue';
import FireBreakdownPanel from '../panels/FireBreakdownPanel.vue';
import FireCountsPanel from '../panels/FireCountsPanel.vue';
import FireItemRatesPanel from '../panels/FireItemRatesPanel.vue';
import KeyCountsPanel from '../panels/KeyCountsPanel.vue';
import RecentChangesPanel from '../panels/RecentChangesPanel.vue';
import StatusRingPanel from '../panels/StatusRingPanel.vue';
import TypePanel from '../panels/TypePanel.vue';
import type { ScreenId } from '../store/screen';

/**
 * The screen's layout: two columns of named slots either side of the map. A module adds its panel
 * by adding an entry here (a component that renders a <Panel>); several panels in one slot stack
 * vertically (or side by side in a slot marked `row`). Slots (see DashboardView.vue):
 * left-1 … left-3 and right-1 … right-3, top to bottom; the map takes the centre, full height.
 */
export const SLOTS = ['left-1', 'left-2', 'left-3', 'right-1', 'right-2', 'right-3'] as const;
export type Slot = (typeof SLOTS)[number];

export interface SlotLayout {
  /** Fixed height in design pixels … */
  height?: number;
  /** … or a share (flex-grow) of the height the fixed slots leave in the column. */
  grow?: number;
  /** Panels side by side instead of stacked. */
  row?: boolean;
}

/**
 * Heights at 1920×1080 (962 px per column below the title bar, measured by the browser test):
 * left 250 / 342 / 342, right 204 / 297 / 433 (242 + 177). The map stays 956 × 962.
 */
export const SLOT_LAYOUT: Record<Slot, SlotLayout> = {
  'left-1': { height: 250 },
  'left-2': { grow: 1 },
  'left-3': { grow: 1, row: true },
  'right-1': { height: 204 },
  'right-2': { grow: 286 },
  'right-3': { grow: 416 },
};

export interface PanelSpec {
  id: string;
  slot: Slot;
  component: Component;
  /** Order within the slot (ascending). */
  order?: number;
  /** Share of the slot's height (or width, in a `row` slot) when several panels share it (flex-grow); default 1. */
  grow?: number;
}

export const PANELS: PanelSpec[] = [
  { id: 'key-counts', slot: 'left-1', component: KeyCountsPanel },
  { id: 'projects-by-district', slot: 'left-2', component: DistrictBarPanel },
  { id: 'projects-by-type', slot: 'left-3', component: TypePanel, order: 0, grow: 1.1 },
  { id: 'projects-by-status', slot: 'left-3', component: StatusRingPanel, order: 1, grow: 0.9 },
  { id: 'recent-changes', slot: 'right-1', component: RecentChangesPanel },
  // 消防验收抽查 (需求 4.2): the 18 items, the counts and trend, the breakdown.
  { id: 'fire-item-rates', slot: 'right-2', component: FireItemRatesPanel },
  { id: 'fire-counts', slot: 'right-3', component: FireCountsPanel, order: 0, grow: 232 },
  { id: 'fire-breakdown', slot: 'right-3', component: FireBreakdownPanel, order: 1, grow: 170 },
];

/**
 * 实名制考勤 (需求 4.3.1–4.3.6), the second screen, same slots around the same map. Heights at
 * 1920×1080: left 250 / 290 / 394, right 300 / 290 / 344.
 */
export const ATTENDANCE_SLOT_LAYOUT: Record<Slot, SlotLayout> = {
  'left-1': { height: 250 },
  'left-2': { height: 290 },
  'left-3': { grow: 1 },
  'right-1': { height: 300 },
  'right-2': { height: 290 },
  'right-3': { grow: 1 },
};

export const ATTENDANCE_PANELS: PanelSpec[] = [
  { id: 'attendance-today', slot: 'left-1', component: AttendanceTodayPanel },
  { id: 'attendance-district-rates', slot: 'left-2', component: DistrictRatesPanel },
  { id: 'personnel-stats', slot: 'left-3', component: PersonnelStatsPanel },
  { id: 'onsite-ranking', slot: 'right-1', component: OnSiteRankingPanel },
  { id: 'keypost-ranking', slot: 'right-2', component: KeyPostRankingPanel },
  { id: 'district-carousel', slot: 'right-3', component: DistrictCarouselPanel },
];

const SCREEN_PANELS: Record<ScreenId, { panels: PanelSpec[]; layout: Record<Slot, SlotLayout> }> = {
  overview: { panels: PANELS, layout: SLOT_LAYOUT },
  attendance: { panels: ATTENDANCE_PANELS, layout: ATTENDANCE_SLOT_LAYOUT },
};

export function panelsIn(slot: Slot, screen: ScreenId = 'overview'): PanelSpec[] {
  return SCREEN_PANELS[screen].panels.filter((p) => p.slot === slot).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export function slotLayout(slot: Slot, screen: ScreenId = 'overview'): SlotLayout {
  return SCREEN_PANELS[screen].layout[slot];
}
