/** The page's only stylesheet: readable defaults, nothing loaded from elsewhere. */
export const STYLESHEET = `
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;background:#fff}
header,main,nav{max-width:46rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:2rem}
h1{font-size:2.4rem;line-height:1.2;margin:.5rem 0}
.subtitle{font-size:1.25rem;color:#555;margin-top:0}
h2,h3,h4,h5,h6{line-height:1.3;margin:2rem 0 .5rem}
h2 a,h3 a,h4 a,h5 a,h6 a{color:inherit}
.byline{color:#555;font-style:italic;margin-top:0}
img{max-width:100%;height:auto}
img.inline{max-height:1.5em;vertical-align:middle}
figure{margin:1.5rem 0}
figcaption{color:#555;font-size:.9rem}
blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid #ddd;color:#444}
pre{background:#f5f5f7;padding:1rem;overflow:auto}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ddd;padding:.3rem .6rem;vertical-align:top}
th p,td p{margin:0}
.align-left{text-align:left}.align-center{text-align:center}.align-right{text-align:right}
.project-card{display:flex;align-items:center;gap:1rem;margin:2rem 0 1rem;padding:1rem;border:1px solid #e5e5e5;border-radius:8px}
.project-card img{height:3rem;width:auto;max-width:14rem}
.project-name{font-weight:600;margin:0}
.footnote{font-size:.9rem;color:#444;display:flex;gap:.4rem}
.footnote p{margin:0}
.missing-image{color:#666;font-style:italic}
nav.toc ol{list-style:none;padding-left:0}
nav.toc .level-3{padding-left:1rem}nav.toc .level-4{padding-left:2rem}nav.toc .level-5,nav.toc .level-6{padding-left:3rem}
section{scroll-margin-top:1rem}
`
