# title: A hybrid logical clock follows the fastest wall clock it has heard of, and a counter breaks ties
from syslab.sim.clocks import hlc_receive, hlc_send

# Node p's wall clock is 80 ms ahead of true time; node q's is 40 ms behind.
offset = {"p": 80, "q": -40}
hlc = {"p": (0, 0), "q": (0, 0)}


def event(node, now, msg=None):
    pt = now + offset[node]
    hlc[node] = hlc_send(hlc[node], pt) if msg is None else hlc_receive(hlc[node], msg, pt)
    logical, count = hlc[node]
    print(f"t={now:>3}  {node}  wall clock {pt:>3}  HLC ({logical}, {count})  l - pt = {logical - pt}")
    return hlc[node]


m = event("p", 100)  # p sends at true time 100
event("q", 105, m)  # q receives 5 ms later: its wall clock says 65, earlier than the send's 180
event("q", 105)  # another event in the same millisecond: only c moves
event("q", 150)  # q's wall clock (110) is still behind l: l stays, c counts
event("q", 240)  # q's wall clock (200) has passed l: l follows it again, c resets
