extensions = ["sphinxcontrib_coursecal"]
coursecal_schedule = "schedule.yaml"
