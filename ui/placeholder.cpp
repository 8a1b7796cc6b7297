// The desktop window arrives with the Desktop issue.
