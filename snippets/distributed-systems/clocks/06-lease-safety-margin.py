# title: How long may a lease holder act? Count from the request, and subtract the drift bound
LEASE_MS = 10_000  # the grantor will not grant the lease again until 10 s have passed on its own clock

print("drift bound   stop after (holder's clock)   margin")
for drift_ppm in (0, 200, 10_000, 100_000):
    rho = drift_ppm / 1e6
    # The grant was issued after the request left, so count from the request. The grantor's clock may run fast
    # (its 10 s last only 10 / (1 + rho) real seconds) and the holder's slow (it sees only 1 - rho of them).
    safe = LEASE_MS * (1 - rho) / (1 + rho)
    print(f"{drift_ppm:>8} ppm   {safe:>12.1f} ms                 {LEASE_MS - safe:>7.1f} ms")

print()
grant_delay = 1_500  # the grant sat in a queue (or the holder paused for garbage collection) for 1.5 s
naive_end = grant_delay + LEASE_MS  # "my lease runs 10 s from when I read the grant", measured from the request
print(f"counting from the grant's arrival, the holder acts until {naive_end} ms after its request;")
print(
    f"the grantor may hand the lease to someone else after {LEASE_MS} ms: up to {naive_end - LEASE_MS} ms "
    "with two holders"
)
