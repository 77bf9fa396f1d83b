# title: Version vectors keep concurrent writes as siblings instead of dropping one
def descends(a, b):
    """True when version vector `a` has seen everything `b` has."""
    return all(a.get(node, 0) >= count for node, count in b.items())


class Replica:
    """One key's versions on one replica: a list of (version vector, value) siblings."""

    def __init__(self, name):
        self.name = name
        self.siblings = []

    def get(self):
        """The values and a context (the merge of their vectors) to send back with the next put."""
        context = {}
        for vector, _ in self.siblings:
            for node, count in vector.items():
                context[node] = max(context.get(node, 0), count)
        return [value for _, value in self.siblings], context

    def put(self, value, context):
        """Coordinate a write: it supersedes what the context has seen; anything else stays a sibling."""
        vector = dict(context)
        vector[self.name] = vector.get(self.name, 0) + 1
        self.merge(vector, value)
        return vector

    def merge(self, vector, value):
        if any(descends(old, vector) for old, _ in self.siblings):
            return  # already seen
        self.siblings = [(old, v) for old, v in self.siblings if not descends(vector, old)] + [(vector, value)]


r1, r2 = Replica("r1"), Replica("r2")
v1 = r1.put(["milk"], {})
r2.merge(v1, ["milk"])
_, ctx = r1.get()  # two clients read the same version ...
v2 = r1.put(["milk", "eggs"], ctx)  # ... one writes through r1
v3 = r2.put(["milk", "bread"], ctx)  # ... the other through r2, concurrently
r1.merge(v3, ["milk", "bread"])
print("r1 siblings:", r1.siblings)
values, ctx = r1.get()
merged = sorted(set().union(*values))  # the application merges (a shopping cart: union)
v4 = r1.put(merged, ctx)
r2.merge(v4, merged)
print("after merge:", r1.siblings)
print("r2 agrees:  ", r2.siblings == r1.siblings)
