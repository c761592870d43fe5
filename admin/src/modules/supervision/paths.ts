/** Where the module's pages live (the menu and the routes agree on them). */
export const SUPERVISION_INSPECTIONS_PATH = '/supervision/inspections';
