import type { Component } from 'vue';
import DistrictBarPanel from '../panels/DistrictBarPanel.vue';
import KeyCountsPanel from '../panels/KeyCountsPanel.vue';
import RecentChangesPanel from '../panels/RecentChangesPanel.vue';
import StatusRingPanel from '../panels/StatusRingPanel.vue';
import TypePanel from '../panels/TypePanel.vue';

/**
 * The screen's layout: a grid of named slots around the map. A module adds its panel by adding an
 * entry here (a component that renders a <Panel>); several panels in one slot stack vertically.
 * Slots (see DashboardView.vue's grid): left-1 … left-3, right-1 … right-3; the map takes the centre.
 */
export const SLOTS = ['left-1', 'left-2', 'left-3', 'right-1', 'right-2', 'right-3'] as const;
export type Slot = (typeof SLOTS)[number];

export interface PanelSpec {
  id: string;
  slot: Slot;
  component: Component;
  /** Order within the slot (ascending). */
  order?: number;
  /** Share of the slot's height when several panels share it (flex-grow); default 1. */
  grow?: number;
}

export const PANELS: PanelSpec[] = [
  { id: 'key-counts', slot: 'left-1', component: KeyCountsPanel },
  { id: 'projects-by-district', slot: 'left-2', component: DistrictBarPanel },
  { id: 'projects-by-type', slot: 'left-3', component: TypePanel },
  { id: 'projects-by-status', slot: 'right-1', component: StatusRingPanel },
  { id: 'recent-changes', slot: 'right-2', component: RecentChangesPanel },
];

export function panelsIn(slot: Slot): PanelSpec[] {
  return PANELS.filter((p) => p.slot === slot).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}
