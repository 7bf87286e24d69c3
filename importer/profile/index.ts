export type {BylineRules, ReportProfile} from './types'
export {openInfraProfile} from './openinfra'
