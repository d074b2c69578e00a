/**
 * The identity side of the verifier: the lockout guard and the offline Conditional Access What-If evaluator over
 * synthesized azuread JSON (`npm run whatif`).
 */
export { buildIdentityModel, hasIdentityResources, referenceKey } from './model';
export type { CaPolicy, DeploymentIdentity, DirectoryGroup, IdentityModel } from './model';
export { checkModel, findBreakGlass, formatGuardProblems, lockoutGuard } from './lockout-guard';
export type { GuardCheck, GuardProblem } from './lockout-guard';
export { AADSTS, whatIf } from './whatif';
export type { Outcome, PolicyEvaluation, SignIn, WhatIfResult } from './whatif';
export { defaultPersonas, defaultScenarios, personaMatrix, renderPersonaMatrix } from './personas';
