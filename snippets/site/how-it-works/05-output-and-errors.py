# title: Python output: stdout and stderr in order, then the exception
import sys

totals = {101: 25.0, 102: 0.0, 103: 12.5}

print("checking three orders")
for order_id, total in totals.items():
    if total == 0:
        print(f"order {order_id} has no total", file=sys.stderr)
        continue
    print(f"order {order_id}: {total:.2f}")

print(f"order 104: {totals[104]:.2f}")
