export * from './definitions'
export {readDataset, runLocalQuery, type StoredDocument} from './run-local'
