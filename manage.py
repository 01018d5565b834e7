#!/usr/bin/env python
from inspectorate.cli import main

if __name__ == "__main__":
    main()
