/**
 * One lake per data folder: `<dir>/lake.lock` names the process serving it (pid, port, start
 * time). A second lake on the same folder would append to the same journal and the next start
 * would refuse or lose acknowledged writes, so it stops before touching anything. A lock left by
 * a killed process (its pid no longer runs) is taken over: moved aside atomically, checked to be
 * the one judged stale, then removed, so two starters racing for it cannot both win.
 */
import {randomBytes} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Another lake serves the folder. */
export class LockedError extends Error {}

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number
  port: number | null
  startedAt: string
  /** Random per lock, so a process can tell its own lock from a reused pid's. */
  nonce: string
}

/** A held lock. */
export interface DataLock {
  /** Record the port once the lake listens (for the message a second start prints). */
  setPort(port: number): void
  /** Remove the lock (a clean stop). */
  release(): void
}

/** A lock younger than this with no readable holder is being written by a starting lake. */
const WRITING_GRACE_MS = 2_000

/**
 * The lock file of a data folder.
 *
 * @param dir - the data folder
 * @returns `<dir>/lake.lock`
 */
export function lockFile(dir: string): string {
  return path.join(dir, 'lake.lock')
}

/**
 * Take the data folder's lock.
 *
 * @param dir - the data folder (created when missing)
 * @returns the lock
 * @throws LockedError when a running process holds it
 */
export function lockDataFolder(dir: string): DataLock {
  fs.mkdirSync(dir, {recursive: true})
  const file = lockFile(dir)
  const holder: LockHolder = {pid: process.pid, port: null, startedAt: new Date().toISOString(), nonce: randomBytes(8).toString('hex')}
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600)
      try {
        fs.writeSync(fd, JSON.stringify(holder))
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      return held(file, holder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    takeOverIfStale(file, dir)
  }
  throw new LockedError(`${dir}: could not take the lake's lock (${file}); another lake keeps starting there`)
}

function held(file: string, holder: LockHolder): DataLock {
  const onExit = (): void => removeIfOurs(file, holder)
  process.once('exit', onExit)
  return {
    setPort(port) {
      const temp = `${file}.${holder.nonce}.tmp`
      fs.writeFileSync(temp, JSON.stringify({...holder, port}), {mode: 0o600})
      fs.renameSync(temp, file)
      holder.port = port
    },
    release() {
      process.off('exit', onExit)
      removeIfOurs(file, holder)
    },
  }
}

/** Remove the lock when it is stale; throw when its holder runs. Returns when the caller may retry. */
function takeOverIfStale(file: string, dir: string): void {
  const text = readText(file)
  if (text === undefined) return
  const holder = parseHolder(text)
  if (holder && isRunning(holder.pid)) {
    const port = holder.port === null ? 'still starting' : `port ${holder.port}`
    throw new LockedError(
      `${dir} is served by another lake (pid ${holder.pid}, ${port}, since ${holder.startedAt}). Stop it first, or give this one another --dir.`,
    )
  }
  if (!holder && Date.now() - mtimeOf(file) < WRITING_GRACE_MS) {
    throw new LockedError(`${dir} is being opened by another lake right now (${file}). Stop it first, or give this one another --dir.`)
  }
  // Move it aside atomically; only the process that moved the stale file itself may delete it.
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    fs.renameSync(file, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  if (readText(aside) === text) {
    fs.rmSync(aside, {force: true})
    return
  }
  // Another starter replaced the stale lock meanwhile: give its lock back (unless a third one took the place).
  try {
    fs.linkSync(aside, file)
  } catch {
    // The place is taken again: the retry reads whoever holds it now.
  }
  fs.rmSync(aside, {force: true})
}

function removeIfOurs(file: string, holder: LockHolder): void {
  const current = parseHolder(readText(file) ?? '')
  if (current?.nonce === holder.nonce) fs.rmSync(file, {force: true})
}

/**
 * Is a process with this id running? EPERM means it runs as another user.
 *
 * @param pid - process id
 * @returns true when it runs
 */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>
    if (typeof value.pid !== 'number' || typeof value.nonce !== 'string') return undefined
    return {pid: value.pid, port: typeof value.port === 'number' ? value.port : null, startedAt: String(value.startedAt ?? '?'), nonce: value.nonce}
  } catch {
    return undefined
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function mtimeOf(file: string): number {
  return fs.statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? 0
}
