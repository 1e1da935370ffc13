"""``python -m landauer``: the same as the ``landauer`` command."""

from landauer.cli import main

if __name__ == "__main__":
    main()
