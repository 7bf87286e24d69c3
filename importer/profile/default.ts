import {compileProfile} from './compile.ts'
import data from './default.json' with {type: 'json'}
import {validateProfile} from './validate.ts'

/**
 * The conservative profile for reports of any organisation (`default.json`): no project logos,
 * bylines only as `Name, Role` with a role word right under a heading or as a signature, reports
 * identified by their front matter `slug`, else their file name, else their title.
 */
export const defaultProfile = compileProfile(validateProfile(data, 'importer/profile/default.json'))
