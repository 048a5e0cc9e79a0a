"""Programs and their leads: creating and configuring, the stored instruments, participation
counts, closing.
"""
