/** Public API: App Service plans and Linux web apps. Re-exports only (the project imports the files directly). */
export * from './app-service-plan';
export * from './linux-web-app';
