"""Reference for `tracker mail import`: Python's mailbox module reading the same header fields of
every message of an mbox.

    python mbox_headers.py FILE
"""

import mailbox
import sys

FIELDS = ("From", "To", "Cc", "Date", "Subject", "Message-ID", "In-Reply-To", "References")
count = 0
for message in mailbox.mbox(sys.argv[1], create=False):
    values = [message.get(field) for field in FIELDS]
    count += 1
print(count)
