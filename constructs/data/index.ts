/** Public API: Data services behind private endpoints: Key Vault, Storage, Azure SQL. Re-exports only (the project imports the files directly). */
export * from './key-vault';
export * from './sql-server';
export * from './storage-account';
