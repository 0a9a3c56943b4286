export * from './access-token-request';
export * from './access-token-response';
export * from './delete-access-token-request';
export * from './delete-access-token-response';
export * from './error-response';
export * from './request-token-request';
export * from './request-token-response';
