import {compileProfile} from './compile.ts'
import data from './openinfra.json' with {type: 'json'}
import {validateProfile} from './validate.ts'

/**
 * The OpenInfra Foundation's annual reports (openinfra.dev, Decap CMS), from `openinfra.json`:
 * project logos as raw HTML `<div><a href><img src="/img/project-logos/…" alt="X Logo"></a></div>`,
 * bylines such as `***Name, Role, Organisation***`, `<br />` spacers, "Get involved:" link lists,
 * and reports identified by their year (`report-2022`).
 */
export const openInfraProfile = compileProfile(validateProfile(data, 'importer/profile/openinfra.json'))
