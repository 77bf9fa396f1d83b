-- title: Output is text: markup in a result is shown, never executed
SELECT '<img src=x onerror=alert(1)>' AS looks_like_html, '<b>not bold</b>' AS also_text;
