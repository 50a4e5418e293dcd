import time

while True:
    print("working")
    time.sleep(60)
