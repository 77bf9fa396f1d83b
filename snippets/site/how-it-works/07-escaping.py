# title: Printed markup stays text too
print("<script>alert('this never runs')</script>")
print("<b>not bold</b> & not an entity: &amp;")
