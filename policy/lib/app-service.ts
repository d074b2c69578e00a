/** App Service resource types (web and function apps, Linux and Windows). */
export const APP_SERVICE_TYPES: readonly string[] = ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'];
