/**
 * A self-signed certificate for the lake's optional HTTPS (HTTP/2) mode. Browsers open at most six
 * HTTP/1.1 connections per host, and the Studio keeps more event streams than that open, so over
 * plain HTTP its queries stall; HTTP/2 multiplexes them on one connection, and browsers only speak
 * HTTP/2 over TLS. Built with node:crypto alone (P-256 key, a minimal X.509 v3 certificate
 * for 127.0.0.1 and localhost) so no tool or package is needed.
 */
import {createHash, generateKeyPairSync, sign} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** A PEM key pair for `http2.createSecureServer`. */
export interface TlsCredentials {
  key: string
  cert: string
}

const der = (tag: number, content: Buffer): Buffer => {
  const length =
    content.length < 0x80
      ? Buffer.from([content.length])
      : (() => {
          const bytes: number[] = []
          for (let n = content.length; n > 0; n >>= 8) bytes.unshift(n & 0xff)
          return Buffer.from([0x80 | bytes.length, ...bytes])
        })()
  return Buffer.concat([Buffer.from([tag]), length, content])
}
const sequence = (...items: Buffer[]): Buffer => der(0x30, Buffer.concat(items))
const oid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk = [arc & 0x7f]
    for (let n = arc >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return der(0x06, Buffer.from(bytes))
}
/** A DER INTEGER must be minimal: no leading zero bytes, one added only to keep it positive. */
const positiveInteger = (bytes: Buffer): Buffer => {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const minimal = bytes.subarray(start)
  return der(0x02, (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal)
}
const utcTime = (date: Date): Buffer =>
  der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'))
const name = (commonName: string): Buffer =>
  sequence(der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))))

/**
 * Make a self-signed certificate for the loopback host names (127.0.0.1, ::1, localhost).
 *
 * @param days - validity from now
 * @returns PEM private key and certificate
 */
export function createSelfSignedCertificate(days = 825): TlsCredentials {
  const {privateKey, publicKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'})
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'))
  const now = Date.now()
  const subjectAltNames = sequence(
    der(0x87, Buffer.from([127, 0, 0, 1])),
    der(0x87, Buffer.from([...Array<number>(15).fill(0), 1])),
    der(0x82, Buffer.from('localhost', 'ascii')),
  )
  const spki = publicKey.export({type: 'spki', format: 'der'})
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // version 3
    positiveInteger(createHash('sha256').update(spki).digest().subarray(0, 16)),
    ecdsaWithSha256,
    name('Local Content Lake'),
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + days * 86_400_000))),
    name('Local Content Lake'),
    spki,
    der(0xa3, sequence(sequence(oid('2.5.29.17'), der(0x04, subjectAltNames)))),
  )
  const signature = sign('sha256', tbs, {key: privateKey, dsaEncoding: 'der'})
  const certificate = sequence(tbs, ecdsaWithSha256, der(0x03, Buffer.concat([Buffer.from([0]), signature])))
  const base64 = certificate.toString('base64').replace(/.{64}/g, '$&\n').trimEnd()
  return {
    key: privateKey.export({type: 'pkcs8', format: 'pem'}).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
  }
}

/**
 * The lake's certificate in `<dir>/tls/`, created on first use and then reused, so a browser
 * that was told to accept it once keeps accepting it.
 *
 * @param dir - the lake's data folder
 * @returns PEM private key and certificate
 */
export function loadOrCreateCertificate(dir: string): TlsCredentials {
  const folder = path.join(dir, 'tls')
  const keyFile = path.join(folder, 'key.pem')
  const certFile = path.join(folder, 'cert.pem')
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    return {key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8')}
  }
  const credentials = createSelfSignedCertificate()
  fs.mkdirSync(folder, {recursive: true})
  fs.writeFileSync(keyFile, credentials.key, {mode: 0o600})
  fs.writeFileSync(certFile, credentials.cert)
  return credentials
}
