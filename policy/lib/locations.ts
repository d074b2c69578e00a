/** Where a stack records the regions its resources may use (`"//": { "allowedLocations": [...] }`), for ZT-INF-006. */
export const ALLOWED_LOCATIONS_KEY = 'allowedLocations';
