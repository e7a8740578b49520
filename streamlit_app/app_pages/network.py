"""Network of actors: one experience and its actors as a graph, and the whole programme as
applicant group -> partner group flows. Graphviz DOT, drawn in the browser (no external service)."""

import html
import sys
from pathlib import Path

_APP = str(Path(__file__).resolve().parents[1])
if _APP not in sys.path:
    sys.path.insert(0, _APP)

import streamlit as st  # noqa: E402

import data  # noqa: E402
import fmt  # noqa: E402
import reference  # noqa: E402
import ui  # noqa: E402
from i18n import label, t  # noqa: E402

DARK_SECTORS = {"public"}


def esc(text: object) -> str:
    return str(text).replace('"', '\\"')


def lines(text: str, width: int = 28) -> str:
    """Text broken into DOT label lines of about ``width`` characters."""
    import textwrap

    return "\\n".join(textwrap.wrap(text, width)) or text


def names(codes: object, codebook: str, lang: str) -> list[str]:
    if not isinstance(codes, str) or not codes:
        return []
    return [reference.code_label(codebook, c, lang) or label(None) for c in codes.split(";")]


def sector_legend() -> None:
    st.html(
        "".join(
            f'<span style="display:inline-block;margin:0 1rem .3rem 0;padding:0 .4rem;'
            f'border-left:14px solid {reference.colour("sector", s)}">{html.escape(label(s, "sector"))}</span>'
            for s in ("public", "civil_society", "market", "other")
        )
    )


def experience_dot(experience_id: str, theme: str, actors, lang: str) -> str:
    out = [
        "graph experiencia {",
        'layout=neato; overlap=false; splines=true; bgcolor="transparent";',
        'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, margin="0.12,0.06"];',
        f'centro [label="{esc(t("experience_node", id=experience_id))}\\n{lines(esc(theme), 24)}", '
        'shape=ellipse, fillcolor="#FFFFFF", color="#333333", fontsize=12, penwidth=2];',
    ]
    for a in actors.itertuples():
        sector = a.actor_sector if isinstance(a.actor_sector, str) else "no_info"
        roles = ", ".join(names(a.roles, "roles", lang)) or "—"
        contributions = ", ".join(names(a.contributions, "contributions", lang)) or "—"
        title = reference.code_label("actor_types", a.actor_type, lang) or label(None)
        text = "\\n".join(
            [
                lines(esc(title)),
                lines(f"{t('roles_col')}: {esc(roles)}"),
                lines(f"{t('contributions_col')}: {esc(contributions)}"),
            ]
        )
        font = "white" if sector in DARK_SECTORS else "black"
        out.append(
            f'a{a.link_position} [label="{text}", fillcolor="{reference.colour("sector", sector)}", '
            f'fontcolor="{font}"];'
        )
        style = 'penwidth=4, color="#333333"' if a.is_strategic_ally else 'penwidth=1, color="#999999"'
        out.append(f"centro -- a{a.link_position} [{style}];")
    out.append("}")
    return "\n".join(out)


def flows_dot(flows, minimum: int, lang: str) -> str:
    books = reference.codebooks()
    shown = flows[flows["links"] >= minimum]
    top = max(int(shown["links"].max()), 1) if len(shown) else 1
    lines = [
        "digraph flujos {",
        'rankdir=LR; nodesep=0.15; ranksep=2.2; bgcolor="transparent";',
        'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        "edge [arrowsize=0.6];",
    ]
    seen = set()
    for r in shown.itertuples():
        for side, code, book in (
            ("ap", r.applicant_group, "applicant_groups"),
            ("so", r.partner_group, "partner_groups"),
        ):
            node = f"{side}_{code}"
            if node in seen:
                continue
            seen.add(node)
            entry = books[book].get(code) if isinstance(code, str) else None
            sector = entry["class"] if entry else "no_info"
            name = entry[lang] if entry else label(None)
            font = "white" if sector in DARK_SECTORS else "black"
            lines.append(
                f'"{node}" [label="{esc(name)}", fillcolor="{reference.colour("sector", sector)}", fontcolor="{font}"];'
            )
        width = 0.5 + 7 * r.links / top
        lines.append(
            f'"ap_{r.applicant_group}" -> "so_{r.partner_group}" [penwidth={width:.2f}, '
            f'label="{fmt.number(r.links, lang)}", fontsize=9, color="#55555588"];'
        )
    lines.append("{ rank=min; " + "; ".join(f'"{n}"' for n in sorted(seen) if n.startswith("ap_")) + "; }")
    lines.append("{ rank=max; " + "; ".join(f'"{n}"' for n in sorted(seen) if n.startswith("so_")) + "; }")
    lines.append("}")
    return "\n".join(lines)


lang = ui.page("p_network")
f = ui.filters(model=True)

st.subheader(t("network_one"))
experience_id = ui.pick_experience(t("pick"))
row = data.experiences(lang, experience_id=experience_id).iloc[0]
actors = data.network_actors(experience_id)
st.caption(t("network_one_note"))
sector_legend()
st.graphviz_chart(experience_dot(experience_id, row["theme_label"], actors, lang), width="stretch")
ui.source_note("marts.fct_actor_links, marts.fct_actor_roles, marts.fct_actor_contributions")

st.subheader(t("network_all"))
flows = data.group_flows(**f)
top = int(flows["links"].max()) if len(flows) else 1
minimum = st.slider(t("min_links"), 1, max(top, 2), min(5, top), key="min_links")
st.caption(t("network_all_note"))
st.graphviz_chart(flows_dot(flows, minimum, lang), width="stretch")
ui.source_note("marts.fct_actor_links")
