"""The team lead's dashboard: who reviewed what, how fast, and what the verdicts were."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from claimcheck import charts
from claimcheck.clock import utcnow
from claimcheck.permissions import can_audit, require
from claimcheck.services import team_stats
from claimcheck.services.team_stats import TeamDashboard

bp = Blueprint("team", __name__, url_prefix="/team")


@bp.route("")
@require(can_audit)
def index():
    """Per-reviewer numbers, weekly throughput, verdict mix and sources for one period."""
    period = team_stats.parse_period(request.args.get("period"))
    dashboard = team_stats.team_dashboard(period, utcnow())
    return render_template(
        "team/index.html",
        dashboard=dashboard,
        periods=team_stats.PERIODS.values(),
        throughput=_throughput_chart(dashboard),
        verdict_chart=charts.bar_chart(
            [charts.Part(v.name, v.count, v.tone) for v in dashboard.verdict_mix]
        ),
        source_bars={
            source.source_id: charts.stacked_bar(
                [charts.Part(v.name, v.count, v.tone) for v in source.verdicts]
            )
            for source in dashboard.sources
        },
        human_duration=team_stats.human_duration,
    )


def _throughput_chart(dashboard: TeamDashboard) -> charts.ColumnChart:
    """Approved and proposed verdicts side by side for each week."""
    weeks = dashboard.weeks
    return charts.column_chart(
        [week.label for week in weeks],
        [
            charts.Series("Approved", [week.approved for week in weeks], "approved"),
            charts.Series("Proposed", [week.proposed for week in weeks], "proposed"),
        ],
    )
