print("porvm")
