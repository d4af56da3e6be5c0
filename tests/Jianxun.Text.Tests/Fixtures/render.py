#!/usr/bin/env python3
"""Renders the invented fixture bulletins (fixtures.py) into the extracted-PDF text format of
shared/samples/README.md, with their truth JSON. Run: python3 render.py (writes NNN_name.txt/.truth.json);
python3 render.py --widths writes Widths/NNN_name.w60.txt and .w76.txt (the same truth)."""
import json, os, re, sys

CLOSING = set('，。、；：！？”’）》」,.;:!?')
OPENING = set('“‘（《「')


def width(s):
    return sum(0.5 if c == ' ' else (1 if ord(c) < 128 else 2) for c in s)


def norm(s):
    parts = re.split(r'(\s+)', s)
    out = []
    for i, p in enumerate(parts):
        if p == '':
            continue
        if p.isspace():
            l = parts[i - 1][-1:] if i > 0 else ''
            r = parts[i + 1][:1] if i + 1 < len(parts) else ''
            if l and r and ord(l) < 128 and ord(r) < 128:
                out.append(' ')
        else:
            out.append(p)
    return ''.join(out).strip()


def spaced(s):
    """Spaced style: a space between CJK text and an ASCII run, never next to full-width punctuation."""
    out = []
    for i, c in enumerate(s):
        if i > 0:
            a, b = s[i - 1], c
            if (ord(a) < 128) != (ord(b) < 128) and a != ' ' and b != ' ':
                cjk = b if ord(a) < 128 else a
                if cjk not in CLOSING and cjk not in OPENING and cjk not in '、':
                    out.append(' ')
        out.append(c)
    return ''.join(out)


def atoms(s):
    return re.findall(r'[A-Za-z0-9.%]+| |.', s)


def wrap(text, caps):
    """caps(i) gives the capacity in units of line i. Hanging closing marks, unsplit ASCII runs."""
    lines, cur, cw = [], [], 0.0
    for a in atoms(text):
        cap = caps(len(lines))
        w = width(a)
        if a == ' ' and not cur:
            continue
        if cw + w <= cap or not cur:
            cur.append(a); cw += w; continue
        if a in CLOSING and all(x in CLOSING for x in a):
            cur.append(a); cw += w; continue
        carry = []
        while cur and cur[-1] in OPENING:
            carry.insert(0, cur.pop())
        while cur and cur[-1] == ' ':
            cur.pop()
        lines.append(''.join(cur))
        cur = carry + ([] if a == ' ' else [a])
        cw = width(''.join(cur))
    if cur:
        lines.append(''.join(cur).rstrip())
    return lines


def render(b):
    F = b.get('full', 68)
    T = b.get('title_width', 54)
    sp = b.get('spaced', False)
    prep = (lambda s: spaced(s)) if sp else (lambda s: s)
    out = []  # (kind, text)
    out.append(('masthead', b.get('masthead_line', ' ● 简讯')))
    for extra in b.get('issue_lines', []):
        out.append(('issue', extra))
    truth = {'masthead': '简讯', 'sections': []}
    for sec in b['sections']:
        br = sec.get('brackets', '[]')
        out.append(('heading', br[0] + sec['name'] + br[1]))
        tsec = {'name': sec['name'], 'articles': []}
        for art in sec['articles']:
            prep = spaced if art.get('spaced', sp) else (lambda s: s)
            if art.get('title'):
                tl = art['title_lines'] if 'title_lines' in art else wrap(prep(art['title']), lambda i: T)
                for t in tl:
                    out.append(('title', t))
            paras = list(art['paragraphs'])
            inline = art.get('inline_credit')
            for pi, p in enumerate(paras):
                text = p
                if art.get('number') is not None and pi == 0:
                    text = '%d、' % art['number'] + text
                if inline and pi == len(paras) - 1:
                    text = text + inline
                photo = art.get('photo', {}).get(pi)
                def caps(i, photo=photo):
                    base = F
                    if photo and photo[0] <= i < photo[0] + photo[1]:
                        base = photo[2]
                    return base - 4 if i == 0 else base
                for li, l in enumerate(wrap(prep(text), caps)):
                    out.append(('first' if li == 0 else 'body', l))
            if art.get('credit_line'):
                out.append(('credit', art['credit_line']))
            tsec['articles'].append({
                'title': norm(art['title']) if art.get('title') else None,
                'number': art.get('number'),
                'paragraphs': [norm(p) for p in art['paragraphs']],
                'credit': art.get('credit'),
                'dates': art.get('dates', []),
                'persons': [{'name': n, 'titles': t} for n, t in art.get('persons', [])],
                'organizations': art.get('organizations', []),
            })
        truth['sections'].append(tsec)
    # page breaks: (kind, n) = the n-th line (1-based) of that kind gets a leading space
    counts, text = {}, ''
    pb = set(tuple(x) for x in b.get('page_breaks', []))
    for i, (kind, line) in enumerate(out):
        counts[kind] = counts.get(kind, 0) + 1
        k = kind if kind != 'first' else 'first'
        brk = (kind, counts[kind]) in pb or (kind in ('first', 'body') and ('line', sum(counts.get(x, 0) for x in ('first', 'body'))) in pb)
        if i == 0:
            text += line
        elif brk:
            text += '\n ' + line
        else:
            text += '\n\n' + line
    return text + '\n', truth


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    from fixtures import BULLETINS
    if sys.argv[1:2] == ['--widths']:
        # The same bulletins at other line widths (issue 21): Widths/NNN_name.wWW.txt; the truth is unchanged.
        os.makedirs(os.path.join(here, 'Widths'), exist_ok=True)
        for name, b in BULLETINS:
            if 'full' in b:
                continue  # hand-set widths (007-009) keep theirs
            for w in (60, 76):
                text, _ = render(dict(b, full=w, title_width=round(54 * w / 68)))
                with open(os.path.join(here, 'Widths', '%s.w%d.txt' % (name, w)), 'w', encoding='utf-8', newline='\n') as f:
                    f.write(text)
                print(name, w)
        return
    for name, b in BULLETINS:
        text, truth = render(b)
        with open(os.path.join(here, name + '.txt'), 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
        with open(os.path.join(here, name + '.truth.json'), 'w', encoding='utf-8', newline='\n') as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
            f.write('\n')
        print(name)


if __name__ == '__main__':
    main()
