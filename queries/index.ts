export * from './definitions'
export {readDataset, runLocalQuery, type StoredDocument} from './run-local'
export {nestOutline, outlineDepths, type OutlineEntry, type OutlineNode} from './outline'
export {openDataView, createReadClient, applyPerspective, DataViewError, type DataView, type DataViewOptions, type ReadPerspective} from './data-view'
