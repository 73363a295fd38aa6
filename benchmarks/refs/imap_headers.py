"""Reference for `tracker mail sync`: a plain imaplib script fetching the same header fields of every
message of the same folders (TLS verified, UID FETCH of all at once), parsing nothing.

    python imap_headers.py HOST PORT USER CAFILE FOLDER...   (password in TRACKER_IMAP_PASSWORD)
"""

import imaplib
import os
import ssl
import sys

host, port, user, cafile, *folders = sys.argv[1:]
conn = imaplib.IMAP4_SSL(host, int(port), ssl_context=ssl.create_default_context(cafile=cafile))
conn.login(user, os.environ["TRACKER_IMAP_PASSWORD"])
count = 0
for folder in folders:
    conn.select(f'"{folder}"', readonly=True)
    status, data = conn.uid("FETCH", "1:*", "(UID INTERNALDATE BODY.PEEK[HEADER.FIELDS "
                            "(FROM TO CC DATE SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES)])")
    count += sum(1 for item in data if isinstance(item, tuple))
conn.logout()
print(count)
