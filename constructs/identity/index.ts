/** Public API: Entra ID: Conditional Access, emergency access, groups, PIM for directory roles. Re-exports only (the project imports the files directly). */
export * from './authentication-strength';
export * from './break-glass';
export * from './conditional-access-policy';
export * from './eligible-role-assignment';
export * from './emergency-access-account';
export * from './named-location';
export * from './persona-policies';
export * from './privileged-access-group-policy';
export * from './security-group';
