from datetime import timedelta

from claimcheck.services.accounts import failure_delay


def test_first_failures_cost_nothing_then_the_delay_doubles_up_to_a_cap():
    delays = [failure_delay(n, free_failures=5, max_seconds=60) for n in range(1, 13)]
    assert delays[:4] == [timedelta(0)] * 4
    assert [d.total_seconds() for d in delays[4:]] == [1, 2, 4, 8, 16, 32, 60, 60]
